package dev.hubsync.emulator.pipelines;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.schema.PropertyDef;
import dev.hubsync.events.hubspot.ObjectTypes;

/**
 * The portal's pipelines per object type: tickets' default pipeline with HubSpot's four
 * default stages, and deals' Sales Pipeline. Ticket pipeline and stage ids are
 * portal-specific in HubSpot (reference {@code hubspot-2026.md} §6): they are drawn from
 * the portal id, so a portal keeps its ids across restarts while no client can assume
 * them; clients read them from the pipelines API. Deals' default pipeline keeps HubSpot's
 * fixed ids ({@code default}, the {@code dealstage} options).
 */
public final class Pipelines {

	private static final String PIPELINE = "hs_pipeline";

	private static final String STAGE = "hs_pipeline_stage";

	private static final List<String[]> TICKET_STAGES = List.of(new String[] { "New", "OPEN" },
			new String[] { "Waiting on contact", "OPEN" }, new String[] { "Waiting on us", "OPEN" },
			new String[] { "Closed", "CLOSED" });

	private static final List<String[]> DEAL_STAGES = List.of(
			new String[] { "appointmentscheduled", "Appointment Scheduled", "false", "0.2" },
			new String[] { "qualifiedtobuy", "Qualified To Buy", "false", "0.4" },
			new String[] { "presentationscheduled", "Presentation Scheduled", "false", "0.6" },
			new String[] { "decisionmakerboughtin", "Decision Maker Bought-In", "false", "0.8" },
			new String[] { "contractsent", "Contract Sent", "false", "0.9" },
			new String[] { "closedwon", "Closed Won", "true", "1.0" },
			new String[] { "closedlost", "Closed Lost", "true", "0.0" });

	private final Map<String, List<Pipeline>> byType;

	/**
	 * Creates the portal's pipelines.
	 * @param portalId the portal, which the ids are drawn from
	 * @param createdAt the pipelines' creation time
	 */
	public Pipelines(long portalId, Instant createdAt) {
		SplittableRandom ids = new SplittableRandom(portalId * 31 + 5);
		List<Stage> stages = new ArrayList<>();
		for (int i = 0; i < TICKET_STAGES.size(); i++) {
			String[] stage = TICKET_STAGES.get(i);
			stages.add(new Stage(String.valueOf(ids.nextLong(100_000_000L, 999_999_999L)), stage[0], i,
					Map.of("ticketState", stage[1]), createdAt));
		}
		Pipeline tickets = new Pipeline(String.valueOf(ids.nextLong(10_000_000L, 99_999_999L)), "Support Pipeline", 0,
				List.copyOf(stages), createdAt);
		// deals' default pipeline keeps HubSpot's fixed ids: its stage ids are the
		// dealstage options every portal starts with
		List<Stage> dealStages = new ArrayList<>();
		for (String[] stage : DEAL_STAGES) {
			dealStages.add(new Stage(stage[0], stage[1], dealStages.size(),
					Map.of("isClosed", stage[2], "probability", stage[3]), createdAt));
		}
		Pipeline deals = new Pipeline("default", "Sales Pipeline", 0, List.copyOf(dealStages), createdAt);
		this.byType = Map.of(ObjectTypes.TICKETS, List.of(tickets), ObjectTypes.DEALS, List.of(deals));
	}

	/**
	 * Returns a type's pipelines, the default first.
	 * @param objectTypeId the type
	 * @return the pipelines (none for types without)
	 */
	public List<Pipeline> of(String objectTypeId) {
		return this.byType.getOrDefault(objectTypeId, List.of());
	}

	/**
	 * Returns the options of the pipeline and stage properties: HubSpot lists the
	 * portal's pipelines and stages as their options.
	 * @return object type to property to options
	 */
	public Map<String, Map<String, List<PropertyDef.Option>>> propertyOptions() {
		Map<String, Map<String, List<PropertyDef.Option>>> options = new LinkedHashMap<>();
		// deals name theirs pipeline and dealstage, whose options are HubSpot's defaults
		Map.of(ObjectTypes.TICKETS, of(ObjectTypes.TICKETS)).forEach((type, pipelines) -> {
			List<PropertyDef.Option> pipelineOptions = new ArrayList<>();
			List<PropertyDef.Option> stageOptions = new ArrayList<>();
			for (Pipeline pipeline : pipelines) {
				pipelineOptions
					.add(new PropertyDef.Option(pipeline.label(), pipeline.id(), false, pipeline.displayOrder()));
				for (Stage stage : pipeline.stages()) {
					stageOptions.add(new PropertyDef.Option(stage.label(), stage.id(), false, stageOptions.size()));
				}
			}
			options.put(type, Map.of(PIPELINE, pipelineOptions, STAGE, stageOptions));
		});
		return options;
	}

	/**
	 * Finds a pipeline.
	 * @param objectTypeId the type
	 * @param pipelineId the pipeline
	 * @return it, if the type has it
	 */
	public Optional<Pipeline> find(String objectTypeId, String pipelineId) {
		return of(objectTypeId).stream().filter((pipeline) -> pipeline.id().equals(pipelineId)).findFirst();
	}

	/**
	 * Puts a new record of a type with pipelines into the default pipeline when its input
	 * names none, as HubSpot does for tickets.
	 * @param objectTypeId the type
	 * @param input the create's properties
	 * @return the properties to create with
	 */
	public Map<String, String> defaultsOnCreate(String objectTypeId, Map<String, String> input) {
		List<Pipeline> pipelines = ObjectTypes.TICKETS.equals(objectTypeId) ? of(objectTypeId) : List.of();
		String given = input.get(PIPELINE);
		if (pipelines.isEmpty() || (given != null && !given.isEmpty())) {
			return input;
		}
		Map<String, String> withDefault = new LinkedHashMap<>(input);
		withDefault.put(PIPELINE, pipelines.get(0).id());
		return withDefault;
	}

	/**
	 * Checks a record as a write would leave it: its pipeline exists and its stage is one
	 * of the pipeline's.
	 * @param objectTypeId the type
	 * @param result the record's values after the write
	 * @throws ApiException 400 naming the property
	 */
	public void check(String objectTypeId, Map<String, String> result) {
		if (!ObjectTypes.TICKETS.equals(objectTypeId)) {
			return;
		}
		String pipelineId = result.getOrDefault(PIPELINE, "");
		Pipeline pipeline = find(objectTypeId, pipelineId).orElseThrow(() -> ApiException.validation(
				"Property values were not valid: " + pipelineId + " is not a valid pipeline (" + PIPELINE + ")"));
		String stage = result.get(STAGE);
		if (stage != null && pipeline.stages().stream().noneMatch((s) -> s.id().equals(stage))) {
			throw ApiException.validation("Property values were not valid: " + stage
					+ " is not a valid pipeline stage of pipeline " + pipelineId + " (" + STAGE + ")");
		}
	}

	/**
	 * A pipeline.
	 *
	 * @param id its portal-specific id
	 * @param label its label
	 * @param displayOrder its place
	 * @param stages its stages, in order
	 * @param createdAt when it was made
	 */
	public record Pipeline(String id, String label, int displayOrder, List<Stage> stages, Instant createdAt) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", this.id);
			json.put("label", this.label);
			json.put("displayOrder", this.displayOrder);
			json.put("stages", this.stages.stream().map(Stage::toJson).toList());
			json.put("archived", false);
			json.put("createdAt", this.createdAt.toString());
			json.put("updatedAt", this.createdAt.toString());
			return json;
		}

	}

	/**
	 * A stage.
	 *
	 * @param id its portal-specific id
	 * @param label its label
	 * @param displayOrder its place
	 * @param metadata e.g. {@code ticketState}
	 * @param createdAt when it was made
	 */
	public record Stage(String id, String label, int displayOrder, Map<String, String> metadata, Instant createdAt) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", this.id);
			json.put("label", this.label);
			json.put("displayOrder", this.displayOrder);
			json.put("metadata", this.metadata);
			json.put("writePermissions", "CRM_PERMISSIONS_ENFORCEMENT");
			json.put("archived", false);
			json.put("createdAt", this.createdAt.toString());
			json.put("updatedAt", this.createdAt.toString());
			return json;
		}

	}

}
