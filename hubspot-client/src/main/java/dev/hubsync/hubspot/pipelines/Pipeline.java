package dev.hubsync.hubspot.pipelines;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A pipeline of an object type (deals, tickets, …) with its stages.
 *
 * @param id the pipeline id ({@code default} for deals, {@code 0} for tickets in many
 * portals; read it, never assume it)
 * @param label the label
 * @param displayOrder its place among the type's pipelines
 * @param archived whether archived
 * @param stages the stages, in HubSpot's order
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record Pipeline(String id, String label, int displayOrder, boolean archived, List<PipelineStage> stages,
		@Nullable Instant createdAt, @Nullable Instant updatedAt) {

	/**
	 * Defaults the stages.
	 * @param id the id
	 * @param label the label
	 * @param displayOrder the order
	 * @param archived the archived flag
	 * @param stages the stages
	 * @param createdAt creation time
	 * @param updatedAt change time
	 */
	public Pipeline {
		stages = (stages != null) ? List.copyOf(stages) : List.of();
	}

	/**
	 * Returns the stage with a label (labels are compared exactly).
	 * @param label the label
	 * @return the stage, if the pipeline has one with that label
	 */
	public Optional<PipelineStage> stageLabelled(String label) {
		return this.stages.stream().filter((stage) -> stage.label().equals(label)).findFirst();
	}

	/**
	 * Returns the stage with an id.
	 * @param stageId the id
	 * @return the stage, if the pipeline has it
	 */
	public Optional<PipelineStage> stage(String stageId) {
		return this.stages.stream().filter((stage) -> stage.id().equals(stageId)).findFirst();
	}

}
