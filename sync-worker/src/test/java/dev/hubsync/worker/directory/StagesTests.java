package dev.hubsync.worker.directory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hubsync.hubspot.pipelines.Pipeline;
import dev.hubsync.hubspot.pipelines.PipelineStage;
import dev.hubsync.mapping.transform.ConversionFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StagesTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T10:00:00Z"), ZoneOffset.UTC);

	private final List<PipelineStage> stages = new ArrayList<>(
			List.of(stage("1", "New", false), stage("2", "Waiting on contact", false), stage("9", "Escalated", true)));

	private final AtomicInteger reads = new AtomicInteger();

	private final Stages directory = new Stages((type) -> {
		this.reads.incrementAndGet();
		return "0-5".equals(type)
				? List.of(new Pipeline("0", "Support Pipeline", 0, false, List.copyOf(this.stages), null, null))
				: List.of();
	}, this.clock, Duration.ofSeconds(30));

	@Test
	void mapsLabelsToIdsAndBackByPipelineLabelOrId() {
		assertThat(this.directory.stageId("0-5", "Support Pipeline", "Waiting on contact")).isEqualTo("2");
		assertThat(this.directory.stageId("0-5", "0", "New")).isEqualTo("1");
		assertThat(this.directory.stageLabel("0-5", "Support Pipeline", "2")).isEqualTo("Waiting on contact");
		// an archived stage is read, never written
		assertThat(this.directory.stageLabel("0-5", "0", "9")).isEqualTo("Escalated");
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void refusesUnknownPipelinesAndStagesNamingWhatExists() {
		assertThatExceptionOfType(ConversionFailure.class)
			.isThrownBy(() -> this.directory.stageId("0-5", "Support Pipeline", "Escalated"))
			.withMessage("pipeline 'Support Pipeline' of HubSpot's tickets has no stage 'Escalated'"
					+ " (stages: [New, Waiting on contact, Escalated])");
		assertThatExceptionOfType(ConversionFailure.class)
			.isThrownBy(() -> this.directory.stageId("0-5", "Sales", "New"))
			.withMessageContaining("have no pipeline 'Sales' (pipelines: [Support Pipeline])");
		assertThatExceptionOfType(ConversionFailure.class)
			.isThrownBy(() -> this.directory.stageLabel("0-1", "Support Pipeline", "1"))
			.withMessageContaining("HubSpot's contacts have no pipeline");
	}

	@Test
	void anUnknownStageIsReadAgainAtMostOncePerInterval() {
		this.directory.stageId("0-5", "0", "New");
		this.stages.add(stage("5", "On hold", false));
		assertThat(this.directory.stageId("0-5", "0", "On hold")).isEqualTo("5");
		assertThat(this.reads).hasValue(2);
		this.stages.add(stage("6", "Reopened", false));
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> this.directory.stageLabel("0-5", "0", "6"));
		assertThat(this.reads).hasValue(2);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.directory.stageLabel("0-5", "0", "6")).isEqualTo("Reopened");
		this.directory.refreshIfRead();
		assertThat(this.reads).hasValue(4);
	}

	private static PipelineStage stage(String id, String label, boolean archived) {
		return new PipelineStage(id, label, 0, archived, Map.of(), null);
	}

}
