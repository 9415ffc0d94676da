package dev.hubsync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldDirection;
import dev.hubsync.events.mapping.FieldMapping;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.mapping.TransformSpec;
import dev.hubsync.events.mapping.UnmappedValueRule;
import dev.hubsync.hubspot.pipelines.Pipeline;
import dev.hubsync.hubspot.pipelines.PipelineStage;
import dev.hubsync.hubspot.properties.PropertyDefinition;
import dev.hubsync.hubspot.properties.PropertyOption;
import dev.hubsync.mapping.inference.ColumnInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MappingValidatorTests {

	static PropertyDefinition property(String name, String type, String fieldType, String... options) {
		List<PropertyOption> list = new ArrayList<>();
		for (String option : options) {
			list.add(PropertyOption.of(option, option));
		}
		return new PropertyDefinition(name, name, type, fieldType, "contactinformation", null, list, null, null, null,
				null, null, null, null, null);
	}

	static Map<String, PropertyDefinition> contactProperties() {
		Map<String, PropertyDefinition> properties = new LinkedHashMap<>();
		for (PropertyDefinition property : List.of(property("email", "string", "text"),
				property("firstname", "string", "text"), property("lastname", "string", "text"),
				property("phone", "string", "phonenumber"),
				property("lifecyclestage", "enumeration", "radio", "subscriber", "lead", "marketingqualifiedlead",
						"salesqualifiedlead", "opportunity", "customer", "evangelist", "other"),
				property("hubspot_owner_id", "enumeration", "select"), property("hubsync_record_id", "string", "text"),
				property("hubsync_source_system", "string", "text"))) {
			properties.put(property.name(), property);
		}
		return properties;
	}

	private final MappingConfig contacts = DemoMappings.get(ObjectTypes.CONTACTS);

	@Test
	void demoMappingIsValidWithAWarningForUnmappedLifecycleStages() {
		List<MappingProblem> problems = MappingValidator.validate(this.contacts, DemoMappings.columns("leads"),
				contactProperties());
		assertThat(MappingValidator.hasErrors(problems)).isFalse();
		assertThat(problems).extracting(MappingProblem::toString)
			.containsExactly("WARNING fields[4] (lifecycle_stage -> lifecyclestage): HubSpot options [evangelist,"
					+ " opportunity, other, subscriber] map to no platform value; records holding them are dead-lettered");
	}

	@Test
	void missingTableColumnsAndPropertiesAreErrors() {
		assertThat(MappingValidator.validate(this.contacts, null, contactProperties()))
			.extracting(MappingProblem::message)
			.contains("table public.leads does not exist");
		Map<String, ColumnInfo> columns = new LinkedHashMap<>(DemoMappings.columns("leads"));
		columns.remove("phone");
		columns.remove("updated_at");
		Map<String, PropertyDefinition> properties = contactProperties();
		properties.remove("lastname");
		properties.remove("hubsync_record_id");
		assertThat(MappingValidator.validate(this.contacts, columns, properties)).extracting(MappingProblem::toString)
			.contains("ERROR changeTimeColumn: column updated_at does not exist",
					"ERROR fields[3] (phone -> phone): column phone does not exist in public.leads",
					"ERROR fields[2] (last_name -> lastname): HubSpot has no property lastname on this object type"
							+ " (create it, or ask the service to)",
					"WARNING hubspot: property hubsync_record_id is missing; the sync needs it"
							+ " (POST /api/hubspot/properties creates it)");
	}

	@Test
	void typeMismatchesReadOnlyPropertiesAndUnknownOptionsAreErrors() {
		Map<String, ColumnInfo> columns = new LinkedHashMap<>(DemoMappings.columns("leads"));
		columns.put("first_name", ColumnInfo.of("first_name", "integer", "int4", true));
		Map<String, PropertyDefinition> properties = contactProperties();
		properties.put("lastname",
				new PropertyDefinition("lastname", "Last name", "string", "text", null, null, List.of(), null, null,
						true, null, null, null, null,
						new PropertyDefinition.ModificationMetadata(false, true, true, null)));
		properties.put("lifecyclestage",
				property("lifecyclestage", "enumeration", "radio", "lead", "salesqualifiedlead", "customer"));
		assertThat(MappingValidator.validate(this.contacts, columns, properties)).extracting(MappingProblem::toString)
			.contains(
					"ERROR fields[1] (first_name -> firstname): transform string does not fit column first_name (integer)"
							+ " and property firstname (string)",
					"ERROR fields[2] (last_name -> lastname): property lastname is read-only in HubSpot; map it TO_PLATFORM",
					"ERROR fields[4] (lifecycle_stage -> lifecyclestage): HubSpot has no options [marketingqualifiedlead]"
							+ " for lifecyclestage (options: [customer, lead, salesqualifiedlead])");
	}

	@Test
	void columnsAHubSpotValueMayNotFitAreWarnedAboutWithTheFix() {
		Map<String, ColumnInfo> leads = new LinkedHashMap<>(DemoMappings.columns("leads"));
		leads.put("first_name", ColumnInfo.of("first_name", "text", "text", false, null, null, null, null));
		leads.put("last_name", ColumnInfo.of("last_name", "character varying", "varchar", true, 30, null, null, null));
		leads.put("tenant_id", ColumnInfo.of("tenant_id", "uuid", "uuid", false, null, null, null, null));
		leads.put("created_at", ColumnInfo.of("created_at", "timestamp with time zone", "timestamptz", false, null,
				null, null, "now()"));
		List<String> problems = MappingValidator.validate(this.contacts, leads, contactProperties())
			.stream()
			.map(MappingProblem::toString)
			.toList();
		assertThat(problems).contains(
				"WARNING fields[1] (first_name -> firstname): column first_name is NOT NULL, and HubSpot records may"
						+ " leave firstname empty (never set, or cleared): such records are set aside when they reach"
						+ " the product; allow NULL in first_name, or map the field TO_HUBSPOT",
				"WARNING fields[2] (last_name -> lastname): column last_name (character varying(30)) holds at most 30"
						+ " characters and HubSpot's lastname up to 65,536: a longer value sets its record aside;"
						+ " widen last_name (text), or map the field TO_HUBSPOT",
				"WARNING platformTable: column tenant_id of public.leads is NOT NULL without a default and no field"
						+ " fills it: every record created from HubSpot is set aside; map a property to it, give it a"
						+ " default, or map every field TO_HUBSPOT");
		// a NOT NULL column with a default (created_at) is no problem
		assertThat(problems).noneMatch((problem) -> problem.contains("created_at"));
		assertThat(MappingValidator.hasErrors(MappingValidator.validate(this.contacts, leads, contactProperties())))
			.isFalse();
	}

	@Test
	void aBoundedNumberColumnIsWarnedAbout() {
		MappingConfig deals = DemoMappings.get(ObjectTypes.DEALS);
		Map<String, ColumnInfo> columns = new LinkedHashMap<>(DemoMappings.columns("deals"));
		columns.put("amount", ColumnInfo.of("amount", "numeric", "numeric", true, null, 14, 2, null));
		Map<String, PropertyDefinition> properties = new LinkedHashMap<>();
		properties.put("dealname", property("dealname", "string", "text"));
		properties.put("amount", property("amount", "number", "number"));
		properties.put("dealstage", property("dealstage", "enumeration", "radio", "closedwon"));
		properties.put("closedate", property("closedate", "datetime", "date"));
		properties.put("pipeline", property("pipeline", "enumeration", "select", "default"));
		assertThat(MappingValidator.validate(deals, columns, properties)).extracting(MappingProblem::message)
			.contains("column amount (numeric(14,2)) holds numbers below 10^12 with 2 decimals, and HubSpot's amount"
					+ " has no bounds: a larger number sets its record aside, and more decimals are rounded (the"
					+ " rounded value may then go back to HubSpot); use numeric without precision for amount");
	}

	@Test
	void constantsMustBeOptions() {
		MappingConfig deals = DemoMappings.get(ObjectTypes.DEALS);
		Map<String, PropertyDefinition> properties = new LinkedHashMap<>();
		properties.put("dealname", property("dealname", "string", "text"));
		properties.put("amount", property("amount", "number", "number"));
		properties.put("dealstage", property("dealstage", "enumeration", "radio", "closedwon"));
		properties.put("closedate", property("closedate", "datetime", "date"));
		properties.put("pipeline", property("pipeline", "enumeration", "select", "sales"));
		assertThat(MappingValidator.validate(deals, DemoMappings.columns("deals"), properties))
			.extracting(MappingProblem::toString)
			.contains("ERROR constants.pipeline: 'default' is not an option of pipeline (options: [sales])");
	}

	@Test
	void ownerAndStageFieldsAreCheckedForTypesButNotForOptions() {
		MappingConfig deals = DemoMappings.get(ObjectTypes.DEALS);
		List<FieldMapping> fields = new ArrayList<>(deals.fields());
		fields.removeIf((field) -> field.column().equals("stage"));
		fields.add(new FieldMapping("stage", "dealstage", FieldDirection.BOTH, ConflictRule.LATEST_WINS,
				new TransformSpec("stage", Map.of("pipeline", "Sales Pipeline"),
						Map.of("won", "Closed Won", "lost", "Closed Lost"), UnmappedValueRule.REJECT, null)));
		MappingConfig staged = new MappingConfig(deals.objectTypeId(), 1, deals.platformTable(), deals.keyColumn(),
				deals.changeTimeColumn(), deals.softDeleteColumn(), fields, deals.constants(), deals.associations(),
				deals.matching(), deals.updatedAt(), null);
		Map<String, PropertyDefinition> properties = new LinkedHashMap<>();
		properties.put("dealname", property("dealname", "string", "text"));
		properties.put("amount", property("amount", "number", "number"));
		properties.put("dealstage", property("dealstage", "enumeration", "radio", "closedwon", "closedlost"));
		properties.put("closedate", property("closedate", "datetime", "date"));
		properties.put("pipeline", property("pipeline", "enumeration", "select", "default"));
		properties.put("hubspot_owner_id", property("hubspot_owner_id", "enumeration", "select"));
		assertThat(MappingValidator.validate(staged, DemoMappings.columns("deals"), properties))
			.noneMatch((problem) -> problem.severity() == MappingProblem.Severity.ERROR);
		Pipeline sales = new Pipeline("default", "Sales Pipeline", 0, false,
				List.of(new PipelineStage("closedwon", "Closed Won", 0, false, Map.of(), null),
						new PipelineStage("closedlost", "Closed Lost", 1, false, Map.of(), null),
						new PipelineStage("contractsent", "Contract Sent", 2, false, Map.of(), null)),
				null, null);
		assertThat(MappingValidator.validateStages(staged, List.of(sales))).extracting(MappingProblem::toString)
			.containsExactly("WARNING fields[4] (stage -> dealstage): stages [Contract Sent] of pipeline 'Sales"
					+ " Pipeline' map to no product status; records in them are refused for this field");
		Pipeline renamed = new Pipeline("default", "Sales", 0, false, sales.stages().subList(1, 3), null, null);
		assertThat(MappingValidator.validateStages(staged, List.of(renamed))).extracting(MappingProblem::toString)
			.containsExactly("ERROR fields[4] (stage -> dealstage): HubSpot has no pipeline 'Sales Pipeline' for this"
					+ " object type (pipelines: [Sales])");
		Pipeline fewer = new Pipeline("default", "Sales Pipeline", 0, false, sales.stages().subList(1, 3), null, null);
		assertThat(MappingValidator.validateStages(staged, List.of(fewer))).extracting(MappingProblem::toString)
			.contains("ERROR fields[4] (stage -> dealstage): pipeline 'Sales Pipeline' has no stages [Closed Won]"
					+ " (stages: [Closed Lost, Contract Sent])");
		Map<String, ColumnInfo> columns = new LinkedHashMap<>(DemoMappings.columns("deals"));
		columns.put("owner_id", ColumnInfo.of("owner_id", "date", "date", true));
		assertThat(MappingValidator.validate(staged, columns, properties)).extracting(MappingProblem::toString)
			.contains("ERROR fields[3] (owner_id -> hubspot_owner_id): transform owner does not fit column owner_id"
					+ " (date) and property hubspot_owner_id (enumeration)");
	}

	@Test
	void theDemoTicketStatusNamesTheDefaultPipelinesStagesByLabelSoAnyPortalsIdsFit() {
		MappingConfig tickets = DemoMappings.get(ObjectTypes.TICKETS);
		assertThat(tickets.constants()).isEmpty();
		for (String[] ids : List.of(new String[] { "0", "1", "2", "3", "4" },
				new String[] { "41141011", "365453957", "894067510", "741572304", "892005193" })) {
			Pipeline support = new Pipeline(ids[0], "Support Pipeline", 0, false,
					List.of(new PipelineStage(ids[1], "New", 0, false, Map.of(), null),
							new PipelineStage(ids[2], "Waiting on contact", 1, false, Map.of(), null),
							new PipelineStage(ids[3], "Waiting on us", 2, false, Map.of(), null),
							new PipelineStage(ids[4], "Closed", 3, false, Map.of(), null)),
					null, null);
			assertThat(MappingValidator.validateStages(tickets, List.of(support))).isEmpty();
		}
	}

}
