package dev.hubsync.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldDirection;
import dev.hubsync.events.mapping.MappingConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MappingCompilerTests {

	static MappingConfig yaml(String text) throws IOException {
		return MappingFiles
			.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.yaml", DemoMappings.AT)
			.get(0);
	}

	@Test
	void demoMappingsCompile() {
		assertThat(DemoMappings.all()).extracting(MappingConfig::objectTypeId)
			.containsExactly(ObjectTypes.CONTACTS, ObjectTypes.COMPANIES, ObjectTypes.DEALS);
		for (MappingConfig config : DemoMappings.all()) {
			CompiledMapping compiled = MappingCompiler.compile(config);
			assertThat(compiled.version()).isEqualTo(1);
			assertThat(compiled.fields()).allSatisfy((field) -> {
				assertThat(field.direction()).isEqualTo(FieldDirection.BOTH);
				assertThat(field.rule()).isEqualTo(ConflictRule.LATEST_WINS);
			});
		}
	}

	@Test
	void everyProblemIsReportedAtOnce() throws IOException {
		MappingConfig config = yaml("""
				mappings:
				  - objectTypeId: contacts
				    platformTable: leads
				    keyColumn: id
				    fields:
				      - { column: email, property: email, transform: emial }
				      - { column: email, property: Email }
				      - { column: first_name, property: firstname, rule: HUBSPOT_WINS }
				      - { column: nick, property: firstname, rule: HUBSPOT_WINS }
				    constants: { firstname: Ada }
				    associations:
				      - { column: company_id, toObjectTypeId: 0-2, associationTypeId: 0 }
				    matching: { fuzzyColumns: [last_name] }
				""");
		assertThatExceptionOfType(MappingException.class).isThrownBy(() -> MappingCompiler.compile(config))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(MappingProblem::toString)
				.containsExactlyInAnyOrder(
						"ERROR fields[0] (email -> email): LATEST_WINS needs the mapping's changeTimeColumn",
						"ERROR fields[0] (email -> email).transform: unknown transform 'emial' (one of boolean, date, datetime, email, enum, json, multiselect, number, owner, phone, stage, string)",
						"ERROR fields[1] (email -> Email): 'Email' is not a HubSpot property name (lower case, [a-z][a-z0-9_]*)",
						"ERROR fields[1] (email -> Email): column email is mapped twice",
						"ERROR fields[1] (email -> Email): LATEST_WINS needs the mapping's changeTimeColumn",
						"ERROR fields[3] (nick -> firstname): property firstname is mapped twice",
						"ERROR constants.firstname: property firstname is both mapped and constant",
						"ERROR associations[0] (company_id): associationTypeId must be HubSpot's positive type id",
						"ERROR matching.fuzzyColumns: column last_name is not a mapped column"));
	}

	@Test
	void namesThatWouldReachSqlAreChecked() throws IOException {
		MappingConfig config = yaml("""
				mappings:
				  - objectTypeId: companies
				    platformTable: "companies; drop table x"
				    keyColumn: "id\\""
				    fields:
				      - { column: "name", property: name, rule: PLATFORM_WINS }
				""");
		assertThatExceptionOfType(MappingException.class).isThrownBy(() -> MappingCompiler.compile(config))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(MappingProblem::message)
				.containsExactlyInAnyOrder("'id\"' is not a column name",
						"'companies; drop table x' is not a table name"));
	}

	@Test
	void mappingFilesNameWhatIsWrong() {
		assertThatExceptionOfType(MappingException.class).isThrownBy(() -> yaml("mappings: 3"))
			.withMessageContaining("needs a 'mappings' list");
		assertThatExceptionOfType(MappingException.class)
			.isThrownBy(() -> yaml("mappings:\n  - { objectTypeId: tickets2, platformTable: t, keyColumn: id }"))
			.withMessageContaining("'tickets2' is not an object type");
		assertThatExceptionOfType(MappingException.class)
			.isThrownBy(() -> yaml("mappings:\n  - { objectTypeId: contacts, keyColumn: id }"))
			.withMessageContaining("platformTable");
		assertThatExceptionOfType(MappingException.class).isThrownBy(() -> yaml("""
				mappings:
				  - { objectTypeId: contacts, platformTable: a, keyColumn: id }
				  - { objectTypeId: 0-1, platformTable: b, keyColumn: id }
				""")).withMessageContaining("object type 0-1 is mapped twice");
	}

	@Test
	void yamlScalarsBecomeText() throws IOException {
		MappingConfig config = yaml(
				"""
						mappings:
						  - objectTypeId: companies
						    platformTable: companies
						    keyColumn: id
						    fields:
						      - { column: name, property: name, rule: PLATFORM_WINS, transform: { type: string, options: { trim: false } } }
						      - { column: size, property: numberofemployees, rule: PLATFORM_WINS, transform: { type: number, options: { scale: 0 } } }
						""");
		assertThat(config.fields().get(0).transform().options()).containsEntry("trim", "false");
		assertThat(config.fields().get(1).transform().options()).containsEntry("scale", "0");
		assertThat(config.updatedBy()).isEqualTo("file");
		assertThat(List.of(MappingCompiler.compile(config).properties())).isNotEmpty();
	}

}
