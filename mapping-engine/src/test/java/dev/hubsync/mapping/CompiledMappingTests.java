package dev.hubsync.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.Row;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CompiledMappingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final UUID LEAD = UUID.fromString("6f1c0c6e-2f7a-4d0e-9a55-0c2b7d6f1c00");

	private static final UUID COMPANY = UUID.fromString("0b7e4d1a-1111-4c2b-8e0f-3a9d5c7e2b11");

	private final CompiledMapping contacts = MappingCompiler.compile(DemoMappings.get(ObjectTypes.CONTACTS),
			DemoMappings.types("leads"));

	private final CompiledMapping deals = MappingCompiler.compile(DemoMappings.get(ObjectTypes.DEALS),
			DemoMappings.types("deals"));

	private static Row lead() {
		return Row.builder()
			.put("id", ColumnType.UUID, LEAD)
			.put("email", ColumnType.TEXT, " Ada.Lovelace@Example.com ")
			.put("first_name", ColumnType.TEXT, "Ada")
			.put("last_name", ColumnType.TEXT, "Lovelace")
			.put("phone", ColumnType.TEXT, "(415) 555-0132")
			.put("lifecycle_stage", ColumnType.TEXT, "mql")
			.put("company_id", ColumnType.UUID, COMPANY)
			.put("created_at", ColumnType.TIMESTAMPTZ, Instant.parse("2026-11-20T08:00:00.123456Z"))
			.put("updated_at", ColumnType.TIMESTAMPTZ, Instant.parse("2026-11-20T09:00:00.654321Z"))
			.put("deleted_at", ColumnType.TIMESTAMPTZ, null)
			.build();
	}

	private static Row deal() {
		return Row.builder()
			.put("id", ColumnType.UUID, UUID.fromString("9d2a7c10-0000-4000-8000-00000000d001"))
			.put("name", ColumnType.TEXT, "Analytical Engine, phase 2")
			.put("amount", ColumnType.DECIMAL, new BigDecimal("125000.50"))
			.put("stage", ColumnType.TEXT, "contractsent")
			.put("close_date", ColumnType.DATE, LocalDate.of(2026, 12, 31))
			.put("company_id", ColumnType.UUID, COMPANY)
			.put("lead_id", ColumnType.UUID, null)
			.put("updated_at", ColumnType.TIMESTAMPTZ, Instant.parse("2026-11-20T09:00:00Z"))
			.build();
	}

	@Test
	void leadBecomesContactPropertiesAsInTheGoldenFile() throws IOException {
		Map<String, String> properties = this.contacts.toHubSpot(LEAD.toString(), lead());
		assertThat((JsonNode) JSON.valueToTree(properties)).isEqualTo(golden("lead-to-contact.json"));
	}

	@Test
	void dealBecomesDealPropertiesWithItsConstantAsInTheGoldenFile() throws IOException {
		Map<String, String> properties = this.deals.toHubSpot("d001", deal());
		assertThat((JsonNode) JSON.valueToTree(properties)).isEqualTo(golden("deal-to-hubspot.json"));
	}

	@Test
	void contactBecomesLeadColumnsAsInTheGoldenFile() throws IOException {
		Map<String, @Nullable String> properties = new LinkedHashMap<>();
		golden("contact-properties.json").properties()
			.forEach((entry) -> properties.put(entry.getKey(),
					entry.getValue().isNull() ? null : entry.getValue().asString()));
		Map<String, @Nullable Object> columns = this.contacts.toPlatform("512", properties);
		Map<String, String> typed = new TreeMap<>();
		columns.forEach((column, value) -> typed.put(column,
				(value != null) ? value.getClass().getSimpleName() + ":" + value : "null"));
		assertThat((JsonNode) JSON.valueToTree(typed)).isEqualTo(golden("contact-to-lead.json"));
	}

	@Test
	void hubspotDealBecomesTypedDealColumns() {
		Map<String, @Nullable Object> columns = this.deals.toPlatform("77",
				Map.of("dealname", "Engine", "amount", "1500.5", "dealstage", "closedwon", "closedate",
						"2026-12-31T00:00:00.000Z", "pipeline", "default", "hs_object_id", "77"));
		assertThat(columns).containsExactly(Map.entry("name", "Engine"), Map.entry("amount", new BigDecimal("1500.50")),
				Map.entry("stage", "closedwon"), Map.entry("close_date", LocalDate.of(2026, 12, 31)));
	}

	@Test
	void aRowAndTheHubSpotRecordHoldingTheSameValuesHashEqual() {
		Map<String, String> written = this.contacts.toHubSpot(LEAD.toString(), lead());
		// HubSpot hands values back in its own spelling; the hash compares meanings
		Map<String, @Nullable String> readBack = new LinkedHashMap<>(written);
		readBack.put("phone", "+1 415 555 0132");
		readBack.put("email", "ADA.LOVELACE@example.com");
		readBack.put("hs_object_id", "512");
		assertThat(this.contacts.hashOfHubSpot("512", readBack))
			.isEqualTo(this.contacts.hashOfRow(LEAD.toString(), lead()))
			.hasSize(32);
		readBack.put("lastname", "Byron");
		assertThat(this.contacts.hashOfHubSpot("512", readBack))
			.isNotEqualTo(this.contacts.hashOfRow(LEAD.toString(), lead()));
	}

	@Test
	void numbersThatHubSpotRenormalisesStillHashEqual() {
		Map<String, String> written = this.deals.toHubSpot("d001", deal());
		Map<String, @Nullable String> readBack = new LinkedHashMap<>(written);
		readBack.put("amount", "125000.500");
		readBack.put("closedate", "2026-12-31");
		assertThat(this.deals.hashOfHubSpot("77", readBack)).isEqualTo(this.deals.hashOfRow("d001", deal()));
	}

	@Test
	void onlyChangesOfMappedColumnsTouchHubSpot() {
		Row before = lead();
		Row timestampOnly = with(before, "updated_at", ColumnType.TIMESTAMPTZ, Instant.parse("2026-11-21T00:00:00Z"));
		assertThat(this.contacts.touchesHubSpot(before, timestampOnly)).isFalse();
		assertThat(this.contacts.touchesHubSpot(before, with(before, "last_name", ColumnType.TEXT, "Byron"))).isTrue();
		assertThat(this.contacts.touchesHubSpot(before, with(before, "company_id", ColumnType.UUID, null))).isTrue();
		assertThat(this.contacts.touchesHubSpot(before,
				with(before, "deleted_at", ColumnType.TIMESTAMPTZ, Instant.parse("2026-11-21T00:00:00Z"))))
			.isTrue();
		assertThat(this.contacts.touchesHubSpot(null, before)).isTrue();
	}

	@Test
	void aValueThatCannotConvertNamesRecordFieldAndValue() {
		Row bad = with(lead(), "lifecycle_stage", ColumnType.TEXT, "prospect");
		assertThatExceptionOfType(ValueConversionException.class)
			.isThrownBy(() -> this.contacts.toHubSpot(LEAD.toString(), bad))
			.withMessage("0-1 record " + LEAD + ", field lifecycle_stage <-> lifecyclestage: cannot convert 'prospect'"
					+ " to HubSpot: no HubSpot value is mapped for it")
			.satisfies((ex) -> {
				assertThat(ex.column()).isEqualTo("lifecycle_stage");
				assertThat(ex.property()).isEqualTo("lifecyclestage");
				assertThat(ex.value()).isEqualTo("'prospect'");
			});
		assertThatExceptionOfType(ValueConversionException.class)
			.isThrownBy(() -> this.contacts.toPlatform("512", Map.of("lifecyclestage", "evangelist")))
			.withMessageContaining("cannot convert 'evangelist' to the platform");
	}

	@Test
	void nullsAndClearedPropertiesAreEachOther() {
		Row cleared = with(lead(), "phone", ColumnType.TEXT, null);
		assertThat(this.contacts.toHubSpot(LEAD.toString(), cleared)).containsEntry("phone", "");
		Map<String, @Nullable String> properties = new LinkedHashMap<>();
		properties.put("phone", "");
		properties.put("firstname", null);
		assertThat(this.contacts.toPlatform("512", properties)).containsEntry("phone", null)
			.containsEntry("first_name", null)
			.doesNotContainKey("last_name");
	}

	@Test
	void lifecycleStageBackwardMovesAreClearedFirst() {
		CompiledField stage = this.contacts.byProperty("lifecyclestage").orElseThrow();
		assertThat(stage.clearBeforeSet("customer", "marketingqualifiedlead")).isTrue();
		assertThat(stage.clearBeforeSet("lead", "customer")).isFalse();
		assertThat(this.contacts.byProperty("firstname").orElseThrow().clearBeforeSet("b", "a")).isFalse();
	}

	@Test
	void exposesWhatTheWorkerNeeds() {
		assertThat(this.contacts.properties()).containsExactly("email", "firstname", "lastname", "phone",
				"lifecyclestage", "hubspot_owner_id");
		assertThat(this.contacts.emailField()).map(CompiledField::column).contains("email");
		assertThat(this.contacts.byColumn("first_name")).map(CompiledField::property).contains("firstname");
		assertThat(this.contacts.associations()).singleElement()
			.satisfies((association) -> assertThat(association.associationTypeId()).isEqualTo(1));
		assertThat(this.contacts.matching().fuzzyColumns()).containsExactly("first_name", "last_name");
		assertThat(this.deals.config().constants()).containsEntry("pipeline", "default");
	}

	private static Row with(Row row, String column, ColumnType type, @Nullable Object value) {
		Row.Builder builder = Row.builder();
		row.values().forEach((name, existing) -> {
			if (name.equals(column)) {
				builder.put(name, type, value);
			}
			else {
				builder.put(name, row.types().get(name), existing);
			}
		});
		return builder.build();
	}

	private static JsonNode golden(String name) throws IOException {
		try (InputStream in = CompiledMappingTests.class.getResourceAsStream("/golden/" + name)) {
			return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

}
