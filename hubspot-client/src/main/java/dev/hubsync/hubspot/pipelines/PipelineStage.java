package dev.hubsync.hubspot.pipelines;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One stage of a pipeline.
 *
 * @param id the stage id, what {@code dealstage} or {@code hs_pipeline_stage} holds
 * @param label the label
 * @param displayOrder its place in the pipeline
 * @param archived whether archived
 * @param metadata e.g. {@code ticketState} ({@code OPEN}, {@code CLOSED}) or
 * {@code probability}
 * @param writePermissions who may move records into it
 */
public record PipelineStage(String id, String label, int displayOrder, boolean archived, Map<String, String> metadata,
		@Nullable String writePermissions) {

	/**
	 * Defaults the metadata.
	 * @param id the id
	 * @param label the label
	 * @param displayOrder the order
	 * @param archived the archived flag
	 * @param metadata the metadata
	 * @param writePermissions the write permissions
	 */
	public PipelineStage {
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
	}

}
