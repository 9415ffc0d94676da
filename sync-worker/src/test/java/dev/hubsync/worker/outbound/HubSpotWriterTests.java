package dev.hubsync.worker.outbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.hubspot.error.HubSpotAuthenticationException;
import dev.hubsync.hubspot.error.HubSpotError;
import dev.hubsync.hubspot.objects.BatchResult;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.worker.WorkerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HubSpotWriterTests {

	private final HubSpotWriter writer = new HubSpotWriter(new Binder(new MapConfigurationPropertySource(Map.of()))
		.bindOrCreate("hubsync.worker", WorkerProperties.class));

	private final Map<String, RuntimeException> refused = new LinkedHashMap<>();

	private final List<Integer> calls = new ArrayList<>();

	@AfterEach
	void stop() {
		this.writer.destroy();
	}

	@Test
	void aWriteTheAnswerDoesNotNameIsSentAgainAloneNotTakenAsWritten() {
		// HubSpot answers record 2 with an error that names none of its inputs while it
		// is
		// in a batch, and writes it when it is sent alone
		Map<String, HubSpotObject> written = this.writer.send(writes(), (chunk) -> answer(chunk, chunk.size() > 1),
				(write, reason) -> this.refused.put(write.key(), reason));
		assertThat(written).containsOnlyKeys("a", "b", "c");
		assertThat(this.refused).isEmpty();
		assertThat(this.calls).containsExactly(3, 1);
	}

	@Test
	void aWriteNeverNamedIsRefusedWithTheAnswersErrors() {
		Map<String, HubSpotObject> written = this.writer.send(writes(), (chunk) -> answer(chunk, true),
				(write, reason) -> this.refused.put(write.key(), reason));
		assertThat(written).containsOnlyKeys("a", "c");
		assertThat(this.refused).containsOnlyKeys("b");
		assertThat(this.refused.get("b")).hasMessageContaining("neither a record nor an error naming it")
			.hasMessageContaining("something went wrong");
	}

	@Test
	void aRefusedTokenFailsTheCallWholeAndRefusesNoRecord() {
		assertThatExceptionOfType(HubSpotAuthenticationException.class)
			.isThrownBy(() -> this.writer.send(writes(), (chunk) -> {
				this.calls.add(chunk.size());
				throw new HubSpotAuthenticationException("token revoked", null);
			}, (write, reason) -> this.refused.put(write.key(), reason)));
		assertThat(this.refused).isEmpty();
		assertThat(this.calls).containsExactly(3);
	}

	private BatchResult answer(List<Write> chunk, boolean dropTwo) {
		this.calls.add(chunk.size());
		List<HubSpotObject> results = new ArrayList<>();
		List<HubSpotError> errors = new ArrayList<>();
		for (Write write : chunk) {
			if (dropTwo && write.hubspotId() == 2L) {
				errors.add(new HubSpotError("error", "something went wrong", null, "INTERNAL", null, null, Map.of(),
						null, null, null, null));
			}
			else {
				results.add(new HubSpotObject(String.valueOf(write.hubspotId()), new LinkedHashMap<>(write.values()),
						null, null, Instant.parse("2026-12-04T10:00:00Z"), false, null, null));
			}
		}
		return new BatchResult(errors.isEmpty() ? "COMPLETE" : "COMPLETE", results, errors.size(), errors, null, null);
	}

	private static List<Write> writes() {
		return List.of(new Write("a", List.of(), 1L, Map.of("firstname", "A")),
				new Write("b", List.of(), 2L, Map.of("firstname", "B")),
				new Write("c", List.of(), 3L, Map.of("firstname", "C")));
	}

}
