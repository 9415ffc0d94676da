package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkValuesTests {

	private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");

	@Test
	void aKeptTimeBelongsToTheValueItWasKeptFor() {
		Map<String, Instant> times = new LinkedHashMap<>();
		LinkValues.keep(times, "lastname", "Refused", T1);
		LinkValues link = new LinkValues(Map.of("lastname", "Start"), times, Map.of());
		assertThat(link.keptTime("lastname", "Refused")).isEqualTo(T1);
		// the product replaced the refused value: its time is not the new value's
		assertThat(link.keptTime("lastname", "Fixed")).isNull();
		assertThat(link.keptTime("firstname", "Ada")).isNull();
		// canonical comparison: blank and empty are one value
		LinkValues.keep(times, "phone", "", T1);
		assertThat(new LinkValues(Map.of(), times, Map.of()).keptTime("phone", " ")).isEqualTo(T1);
	}

	@Test
	void aTimeKeptBeforeTimesWereTiedToTheirValuesStillCounts() {
		LinkValues link = new LinkValues(Map.of("lastname", "Start"), Map.of("lastname", T1), Map.of());
		assertThat(link.keptTime("lastname", "Anything")).isEqualTo(T1);
	}

	@Test
	void theValueKeyKeepsNoValueInClear() {
		assertThat(LinkValues.valueKey("email", "ada@example.com")).startsWith("email@")
			.doesNotContain("ada")
			.hasSize("email@".length() + 16);
	}

}
