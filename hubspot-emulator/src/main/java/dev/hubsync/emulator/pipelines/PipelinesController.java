package dev.hubsync.emulator.pipelines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.web.ApiVersions;
import dev.hubsync.events.hubspot.ObjectTypes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /crm/v3/pipelines/{objectType}[/{pipelineId}[/stages[/{stageId}]]]} and the
 * dated twins ({@code /crm/pipelines/2026-03/...}). An object type without pipelines
 * (contacts) answers 400 as HubSpot does; an unknown pipeline or stage 404.
 */
@RestController
class PipelinesController {

	private static final String LEGACY = "/crm/v3/pipelines/{objectType}";

	private static final String DATED = ApiVersions.PIPELINES + "/{objectType}";

	/** Pipelines and stages of new portals carry no real creation time. */
	private static final String CREATED = "2019-08-06T02:43:14.491Z";

	private final Pipelines pipelines;

	PipelinesController(Pipelines pipelines) {
		this.pipelines = pipelines;
	}

	@GetMapping({ LEGACY, DATED })
	Map<String, Object> list(@PathVariable String objectType) {
		return Map.of("results", pipelinesOf(objectType).stream().map(PipelinesController::render).toList());
	}

	@GetMapping({ LEGACY + "/{pipelineId}", DATED + "/{pipelineId}" })
	Map<String, Object> get(@PathVariable String objectType, @PathVariable String pipelineId) {
		return render(pipeline(objectType, pipelineId));
	}

	@GetMapping({ LEGACY + "/{pipelineId}/stages", DATED + "/{pipelineId}/stages" })
	Map<String, Object> stages(@PathVariable String objectType, @PathVariable String pipelineId) {
		return Map.of("results",
				pipeline(objectType, pipelineId).stages().stream().map(PipelinesController::render).toList());
	}

	@GetMapping({ LEGACY + "/{pipelineId}/stages/{stageId}", DATED + "/{pipelineId}/stages/{stageId}" })
	Map<String, Object> stage(@PathVariable String objectType, @PathVariable String pipelineId,
			@PathVariable String stageId) {
		return pipeline(objectType, pipelineId).stages()
			.stream()
			.filter((stage) -> stage.id().equals(stageId))
			.findFirst()
			.map(PipelinesController::render)
			.orElseThrow(() -> ApiException.notFound("Unable to find stage " + stageId + " in pipeline " + pipelineId));
	}

	private List<Pipelines.Pipeline> pipelinesOf(String objectType) {
		String type = ObjectTypes.byPathSegment(objectType).orElse(objectType);
		List<Pipelines.Pipeline> found = this.pipelines.of(type);
		if (found.isEmpty()) {
			throw ApiException.validation("Object type " + objectType + " does not have pipelines");
		}
		return found;
	}

	private Pipelines.Pipeline pipeline(String objectType, String pipelineId) {
		return pipelinesOf(objectType).stream()
			.filter((pipeline) -> pipeline.id().equals(pipelineId))
			.findFirst()
			.orElseThrow(() -> ApiException.notFound("Unable to find pipeline " + pipelineId));
	}

	private static Map<String, Object> render(Pipelines.Pipeline pipeline) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", pipeline.id());
		json.put("label", pipeline.label());
		json.put("displayOrder", pipeline.displayOrder());
		json.put("stages", pipeline.stages().stream().map(PipelinesController::render).toList());
		json.put("createdAt", CREATED);
		json.put("updatedAt", CREATED);
		json.put("archived", false);
		return json;
	}

	private static Map<String, Object> render(Pipelines.Stage stage) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", stage.id());
		json.put("label", stage.label());
		json.put("displayOrder", stage.displayOrder());
		json.put("metadata", stage.metadata());
		json.put("createdAt", CREATED);
		json.put("updatedAt", CREATED);
		json.put("archived", false);
		json.put("writePermissions", "CRM_PERMISSIONS_ENFORCEMENT");
		return json;
	}

}
