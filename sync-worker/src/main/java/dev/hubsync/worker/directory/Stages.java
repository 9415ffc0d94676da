package dev.hubsync.worker.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.hubspot.pipelines.Pipeline;
import dev.hubsync.hubspot.pipelines.PipelineStage;
import dev.hubsync.mapping.transform.ConversionFailure;
import dev.hubsync.mapping.transform.StageDirectory;
import org.jspecify.annotations.Nullable;

/**
 * The pipelines of each object type a {@code stage} field names, read from HubSpot's
 * pipelines API on first use, again every {@code refresh-interval}
 * ({@link #refreshIfRead}) and when a label or stage id is not known (at most once per
 * {@code miss-refresh-interval} and type). A pipeline is named by its label or id; stages
 * by label (exactly) to write, by id to read. Archived stages are read but never written.
 * Thread-safe.
 */
public final class Stages implements StageDirectory {

	private final Function<String, List<Pipeline>> reader;

	private final Clock clock;

	private final Duration missRefreshInterval;

	private final Map<String, List<Pipeline>> byType = new ConcurrentHashMap<>();

	private final Map<String, Instant> lastMiss = new ConcurrentHashMap<>();

	/**
	 * Creates the directory.
	 * @param reader reads an object type's pipelines
	 * @param clock the clock
	 * @param missRefreshInterval the shortest time between reads of a type caused by
	 * misses
	 */
	Stages(Function<String, List<Pipeline>> reader, Clock clock, Duration missRefreshInterval) {
		this.reader = reader;
		this.clock = clock;
		this.missRefreshInterval = missRefreshInterval;
	}

	@Override
	public String stageId(String objectTypeId, String pipeline, String label) {
		Optional<PipelineStage> stage = find(pipelines(objectTypeId), pipeline)
			.flatMap((found) -> writable(found, label));
		if (stage.isEmpty()) {
			stage = find(refreshOnMiss(objectTypeId), pipeline).flatMap((found) -> writable(found, label));
		}
		return stage.map(PipelineStage::id).orElseThrow(() -> missing(objectTypeId, pipeline, "'" + label + "'"));
	}

	@Override
	public String stageLabel(String objectTypeId, String pipeline, String stageId) {
		Optional<PipelineStage> stage = find(pipelines(objectTypeId), pipeline)
			.flatMap((found) -> found.stage(stageId));
		if (stage.isEmpty()) {
			stage = find(refreshOnMiss(objectTypeId), pipeline).flatMap((found) -> found.stage(stageId));
		}
		return stage.map(PipelineStage::label).orElseThrow(() -> missing(objectTypeId, pipeline, "id " + stageId));
	}

	/** Reads the pipelines of every type read before again. */
	public void refreshIfRead() {
		for (String type : this.byType.keySet()) {
			this.byType.put(type, this.reader.apply(type));
		}
	}

	private List<Pipeline> pipelines(String objectTypeId) {
		return this.byType.computeIfAbsent(objectTypeId, this.reader);
	}

	private synchronized List<Pipeline> refreshOnMiss(String objectTypeId) {
		Instant now = this.clock.instant();
		Instant last = this.lastMiss.get(objectTypeId);
		if (last != null && now.isBefore(last.plus(this.missRefreshInterval))) {
			return pipelines(objectTypeId);
		}
		this.lastMiss.put(objectTypeId, now);
		List<Pipeline> read = this.reader.apply(objectTypeId);
		this.byType.put(objectTypeId, read);
		return read;
	}

	private static Optional<Pipeline> find(List<Pipeline> pipelines, String pipeline) {
		return pipelines.stream()
			.filter((candidate) -> candidate.label().equals(pipeline) || candidate.id().equals(pipeline))
			.findFirst();
	}

	private static Optional<PipelineStage> writable(Pipeline pipeline, String label) {
		return pipeline.stages()
			.stream()
			.filter((stage) -> !stage.archived() && stage.label().equals(label))
			.findFirst();
	}

	private ConversionFailure missing(String objectTypeId, String pipeline, String stage) {
		String type = ObjectTypes.byPathSegment(objectTypeId).map(ObjectTypes::pathName).orElse(objectTypeId);
		List<Pipeline> pipelines = pipelines(objectTypeId);
		@Nullable Pipeline found = find(pipelines, pipeline).orElse(null);
		if (found == null) {
			return new ConversionFailure("HubSpot's " + type + " have no pipeline '" + pipeline + "' (pipelines: "
					+ pipelines.stream().map(Pipeline::label).toList() + ")");
		}
		return new ConversionFailure("pipeline '" + found.label() + "' of HubSpot's " + type + " has no stage " + stage
				+ " (stages: " + found.stages().stream().map(PipelineStage::label).toList() + ")");
	}

}
