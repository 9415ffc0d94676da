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

	@Test
	void aFirstLinkDecidedForTheProductIsAFirstLinkAgainUntilHubSpotChangesItsValue() {
		Map<String, Instant> times = new LinkedHashMap<>();
		LinkValues.markFirstLink(times, "lastname", "HubSpotOld", T1);
		LinkValues link = new LinkValues(Map.of(), times, Map.of());
		assertThat(link.ancestorOf("lastname", "HubSpotOld")).isEqualTo(Ancestor.none());
		// HubSpot changed it since the decision (a clear too): both sides hold a change
		assertThat(link.ancestorOf("lastname", "")).isEqualTo(Ancestor.diverged());
		assertThat(link.ancestorOf("lastname", "Newer")).isEqualTo(Ancestor.diverged());
		// other fields, and fields with a last-synced value, are as they were
		assertThat(link.ancestorOf("firstname", "")).isEqualTo(Ancestor.none());
		assertThat(new LinkValues(Map.of("lastname", "Synced"), times, Map.of()).ancestorOf("lastname", ""))
			.isEqualTo(Ancestor.of("Synced"));
		// the mark is no kept product time
		assertThat(link.keptTime("lastname", "HubSpotOld")).isNull();
		LinkValues.keep(times, "lastname", "ProductValue", T1);
		assertThat(new LinkValues(Map.of(), times, Map.of()).keptTime("lastname", "ProductValue")).isEqualTo(T1);
	}

}
