package dev.hubsync.mapping.inference;

import java.util.List;

import dev.hubsync.hubspot.properties.PropertyDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTests {

	private static ColumnInfo text(String name) {
		return ColumnInfo.of(name, "text", "text", true);
	}

	private static PropertyDefinition property(String name, String label, String type) {
		return new PropertyDefinition(name, label, type, "text", null, null, List.of(), null, null, null, null, null,
				null, null, null);
	}

	@Test
	void proposesByNameSimilarityWithScoresAndTransforms() {
		List<ColumnInfo> columns = List.of(text("first_name"), text("last_name"), text("company_name"),
				text("email_address"), text("phone"), ColumnInfo.of("employee_count", "integer", "int4", true),
				text("favourite_colour"));
		List<PropertyDefinition> properties = List.of(property("firstname", "First name", "string"),
				property("lastname", "Last name", "string"), property("company", "Company name", "string"),
				property("email", "Email", "string"), property("phone", "Phone number", "string"),
				property("numemployees", "Number of employees", "number"),
				property("hs_object_id", "Record ID", "number"), property("hubsync_record_id", "HubSync id", "string"));
		List<Suggestion> suggestions = Suggestions.suggest(columns, properties);
		assertThat(suggestions).extracting((suggestion) -> suggestion.column() + "->" + suggestion.property())
			.contains("first_name->firstname", "last_name->lastname", "company_name->company", "phone->phone",
					"email_address->email")
			.doesNotContain("favourite_colour->firstname")
			.noneMatch((pair) -> pair.endsWith("hubsync_record_id"));
		assertThat(suggestions.get(0).score()).isEqualTo(1.0);
		Suggestion company = suggestions.stream()
			.filter((suggestion) -> suggestion.column().equals("company_name"))
			.findFirst()
			.orElseThrow();
		assertThat(company.score()).isEqualTo(1.0); // by its label
		assertThat(company.transform().type()).isEqualTo("string");
		Suggestion phone = suggestions.stream()
			.filter((suggestion) -> suggestion.column().equals("phone"))
			.findFirst()
			.orElseThrow();
		assertThat(phone.transform().type()).isEqualTo("phone");
		assertThat(suggestions).extracting(Suggestion::column).doesNotHaveDuplicates();
		assertThat(suggestions).extracting(Suggestion::property).doesNotHaveDuplicates();
	}

	@Test
	void scoresCompanyNameAgainstCompanyByNameAlone() {
		double score = Suggestions.score("company_name", property("company", null, "string"));
		assertThat(score).isGreaterThan(Suggestions.THRESHOLD).isLessThan(1.0);
		assertThat(Suggestions.score("name", property("dealname", null, "string"))).isGreaterThanOrEqualTo(0.9);
		assertThat(Suggestions.score("favourite_colour", property("firstname", null, "string")))
			.isLessThan(Suggestions.THRESHOLD);
	}

	@Test
	void aPairWhoseTypesDoNotFitIsProposedWithTheRefusal() {
		List<Suggestion> suggestions = Suggestions.suggest(List.of(ColumnInfo.of("amount", "boolean", "bool", true)),
				List.of(property("amount", "Amount", "number")));
		assertThat(suggestions).singleElement().satisfies((suggestion) -> {
			assertThat(suggestion.transform()).isNull();
			assertThat(suggestion.refusal()).endsWith("a number property needs a numeric (or text) column");
		});
	}

}
