package dev.hubsync.emulator.pipelines;

import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.schema.PropertySchema;
import dev.hubsync.emulator.web.ApiVersions;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /crm/v3/pipelines/{type}[/{pipelineId}[/stages[/{stageId}]]]} and the dated
 * twins ({@code /crm/pipelines/2026-03/...}); read-only.
 */
@RestController
class PipelinesController {

	private static final String LEGACY = "/crm/v3/pipelines/{type}";

	private static final String DATED = ApiVersions.PIPELINES + "/{type}";

	private final Pipelines pipelines;

	private final PropertySchema store;

	PipelinesController(Pipelines pipelines, PropertySchema store) {
		this.pipelines = pipelines;
		this.store = store;
	}

	@GetMapping({ LEGACY, DATED })
	Map<String, Object> list(@PathVariable String type) {
		List<Pipelines.Pipeline> found = this.pipelines.of(this.store.objectType(type));
		if (found.isEmpty()) {
			// as HubSpot: an object type without pipelines is a bad request
			throw ApiException.validation(type + " has no pipelines");
		}
		return Map.of("results", found.stream().map(Pipelines.Pipeline::toJson).toList());
	}

	@GetMapping({ LEGACY + "/{pipelineId}", DATED + "/{pipelineId}" })
	Map<String, Object> get(@PathVariable String type, @PathVariable String pipelineId) {
		return pipeline(type, pipelineId).toJson();
	}

	@GetMapping({ LEGACY + "/{pipelineId}/stages", DATED + "/{pipelineId}/stages" })
	Map<String, Object> stages(@PathVariable String type, @PathVariable String pipelineId) {
		List<Map<String, Object>> stages = pipeline(type, pipelineId).stages()
			.stream()
			.map(Pipelines.Stage::toJson)
			.toList();
		return Map.of("results", stages);
	}

	@GetMapping({ LEGACY + "/{pipelineId}/stages/{stageId}", DATED + "/{pipelineId}/stages/{stageId}" })
	Map<String, Object> stage(@PathVariable String type, @PathVariable String pipelineId,
			@PathVariable String stageId) {
		return pipeline(type, pipelineId).stages()
			.stream()
			.filter((stage) -> stage.id().equals(stageId))
			.findFirst()
			.map(Pipelines.Stage::toJson)
			.orElseThrow(() -> ApiException.notFound("Unable to find stage " + stageId));
	}

	private Pipelines.Pipeline pipeline(String type, String pipelineId) {
		return this.pipelines.find(this.store.objectType(type), pipelineId)
			.orElseThrow(() -> ApiException.notFound("Unable to find pipeline " + pipelineId));
	}

}
