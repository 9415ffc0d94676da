package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.List;

import dev.hubsync.worker.merge.HubSpotSide.Entry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HubSpotSideTests {

	private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");

	private static final Instant T2 = T1.plusSeconds(1);

	private static final Instant T3 = T1.plusSeconds(2);

	private static final Instant T4 = T1.plusSeconds(3);

	@Test
	void withoutHistoryTheCurrentValueHasNoChangeTime() {
		assertThat(HubSpotSide.of("a", null, T1, null)).isEqualTo(new HubSpotSide("a", "a", null, false, null));
	}

	@Test
	void theChangeTimeIsTheNewestEntryNeverTheRecordsModificationTime() {
		HubSpotSide side = HubSpotSide.of("b", List.of(new Entry("b", T2, false), new Entry("a", T1, false)), T1, null);
		assertThat(side.value()).isEqualTo("b");
		assertThat(side.changedAt()).isEqualTo(T2);
		assertThat(side.overwritten()).isFalse();
	}

	@Test
	void anEditTheSyncsOwnWriteCoveredIsFound() {
		// seen up to T1; a user set "u" at T2, then the sync wrote "p" at T3
		HubSpotSide side = HubSpotSide.of("p",
				List.of(new Entry("p", T3, true), new Entry("u", T2, false), new Entry("a", T1, false)), T1, "p");
		assertThat(side).isEqualTo(new HubSpotSide("p", "u", T2, true, T3));
		// a cleared value overwritten the same way
		assertThat(HubSpotSide
			.of("p", List.of(new Entry("p", T3, true), new Entry("", T2, false), new Entry("a", T1, false)), T1, "p")
			.value()).isEmpty();
	}

	@Test
	void editsThatEndWhereTheyBeganAreNoChangeForOurWriteToHaveCovered() {
		// seen up to T1 (holding "a"); a user set "u" at T2 and "a" again at T3, then the
		// sync wrote the product's "p" at T4: HubSpot's side did not change (chaos seed
		// 2026: the product's later value was lost to HubSpot's older clear)
		HubSpotSide side = HubSpotSide.of("p", List.of(new Entry("p", T4, true), new Entry("a", T3, false),
				new Entry("u", T2, false), new Entry("a", T1, false)), T1, "p");
		assertThat(side).isEqualTo(new HubSpotSide("p", "p", T4, false, T4));
		// a property never set before: set and cleared by a user, then written by us
		assertThat(HubSpotSide
			.of("p", List.of(new Entry("p", T4, true), new Entry("", T3, false), new Entry("u", T2, false)), T1, "p")
			.overwritten()).isFalse();
		// with a history HubSpot may have cut short, the value at T1 is unknown: the edit
		// is taken as covered by our write, as before
		List<Entry> long_ = new java.util.ArrayList<>(List.of(new Entry("p", T4, true), new Entry("", T3, false)));
		for (int i = 0; i < HubSpotSide.SHORT_HISTORY; i++) {
			long_.add(new Entry("u" + i, T2.minusMillis(i), false));
		}
		assertThat(HubSpotSide.of("p", long_, T1.plusMillis(500), "p").overwritten()).isTrue();
	}

	@Test
	void aWriteOfOursThatNeverBecameTheLastSyncedValueIsNotHubSpotsChange() {
		// the sync wrote "p" (a merge it then discarded) after a user's "e", which it had
		// seen and taken as last synced: HubSpot's side is still "e"
		HubSpotSide side = HubSpotSide.of("p", List.of(new Entry("p", T3, true), new Entry("e", T2, false)), T2, "e");
		assertThat(side).isEqualTo(new HubSpotSide("p", "e", T2, false, T3));
		// the sync wrote "p" and stopped before recording it: HubSpot's side is the value
		// before, the last synced one
		assertThat(HubSpotSide.of("p", List.of(new Entry("p", T3, true), new Entry("a", T1, false)), T1, "a").value())
			.isEqualTo("a");
	}

	@Test
	void onAFirstLinkAWriteOfOursIsNeverHubSpotsChange() {
		// nothing recorded yet: the sync wrote the product's "p" at T3 over a user's "h"
		// (T1), and the merge that follows must not take "p" at T3 for HubSpot's change
		// (the product's later edit lost to the sync's own write)
		assertThat(HubSpotSide.of("p", List.of(new Entry("p", T3, true), new Entry("h", T1, false)), null, null))
			.isEqualTo(new HubSpotSide("p", "h", T1, false, T3));
		// only the sync ever set it: HubSpot's side is empty, and the product's value
		// stays
		assertThat(HubSpotSide.of("p", List.of(new Entry("p", T3, true)), null, null))
			.isEqualTo(new HubSpotSide("p", "", null, false, T3));
	}

	@Test
	void aChangeAfterAnUnrecordedWriteOfOursIsAChangeEvenBackToTheLastSyncedValue() {
		// last synced "" (seen at T1); the sync wrote "p" at T2 without recording it; a
		// user cleared the value at T3: both sides changed, the rule decides
		HubSpotSide side = HubSpotSide.of("", List.of(new Entry("", T3, false), new Entry("p", T2, true)), T1, "");
		assertThat(side).isEqualTo(new HubSpotSide("", "", T3, true, T3, true));
		// our write was recorded: the clear is HubSpot's change alone
		assertThat(
				HubSpotSide.of("", List.of(new Entry("", T3, false), new Entry("p", T2, true)), T1, "p").overwritten())
			.isFalse();
	}

	@Test
	void editsAlreadyAccountedForOrEqualToTheSyncsWriteAreNotOverwritten() {
		// the user's edit is older than what the sync had seen
		assertThat(HubSpotSide.of("p", List.of(new Entry("p", T3, true), new Entry("u", T2, false)), T2, "p")
			.overwritten()).isFalse();
		// the user set the value the sync then wrote
		assertThat(HubSpotSide.of("p", List.of(new Entry("p", T3, true), new Entry("p", T2, false)), T1, "p")
			.overwritten()).isFalse();
		// without knowing what was seen, nothing is taken for overwritten
		assertThat(HubSpotSide.of("p", List.of(new Entry("p", T3, true), new Entry("u", T2, false)), null, "p")
			.overwritten()).isFalse();
		// the newest entry is someone else's: it is the current value
		assertThat(HubSpotSide.of("u", List.of(new Entry("u", T4, false), new Entry("p", T3, true)), T1, null))
			.isEqualTo(new HubSpotSide("u", "u", T4, false, T4, true));
	}

	@Test
	void aUsersEditSinceTheSyncLastLookedTouchesTheFieldWhateverValueItEndsOn() {
		// seen up to T1 (holding the last-synced "a"); a user set "u" at T2 and "a" again
		// at T3: HubSpot holds "a", and changed it at T3 (chaos seed 42)
		List<Entry> history = List.of(new Entry("a", T3, false), new Entry("u", T2, false), new Entry("a", T1, false));
		assertThat(HubSpotSide.of("a", history, T1, "a")).isEqualTo(new HubSpotSide("a", "a", T3, false, T3, true));
		// accounted for up to T3: nothing since
		assertThat(HubSpotSide.of("a", history, T3, "a").touched()).isFalse();
		// what was seen is unknown: nothing is taken for a change since
		assertThat(HubSpotSide.of("a", history, null, "a").touched()).isFalse();
		// the newest entry is the sync's own write: not touched by a user
		assertThat(HubSpotSide.of("a", List.of(new Entry("a", T3, true), new Entry("u", T2, false)), T1, "a").touched())
			.isFalse();
	}

	@Test
	void editsThatEndWhereTheyBeganAfterTheProductsChangeAreHubSpotsLaterChange() {
		// seen up to T1 (holding ""); the product set "p" at T2, a user set "u" at T3 and
		// cleared it at T4, then the sync wrote the product's "p" at T5 (it read HubSpot
		// holding the last-synced ""): the user's clear is the later change (chaos seed
		// 2026), overwritten by our write
		java.time.Instant t5 = T4.plusSeconds(1);
		List<Entry> history = List.of(new Entry("p", t5, true), new Entry("", T4, false), new Entry("u", T3, false),
				new Entry("", T1, false));
		assertThat(HubSpotSide.of("p", history, T1, "p", T2)).isEqualTo(new HubSpotSide("p", "", T4, true, t5));
		// the product's change after the user's edits: no change of HubSpot's, as before
		assertThat(HubSpotSide.of("p", history, T1, "p", T4.plusMillis(500)).overwritten()).isFalse();
		// the product's time unknown: as before
		assertThat(HubSpotSide.of("p", history, T1, "p", null).overwritten()).isFalse();
		// the user's clear in the product's millisecond: HubSpot's, as ties are
		assertThat(HubSpotSide.of("p", history, T1, "p", T4.plusNanos(300_000)).overwritten()).isTrue();
	}

	@Test
	void anEditBackToTheValueAtSeenUndoingALaterWriteOfOursIsAChange() {
		// seen at T1 ("a"); the sync wrote "b" at T2 (recorded; seen stays before the
		// write), a user set "a" back at T3 (HubSpot held "b": a change), and the sync's
		// next write "c" at T4 covered it: the user's edit is overwritten
		HubSpotSide side = HubSpotSide.of("c", List.of(new Entry("c", T4, true), new Entry("a", T3, false),
				new Entry("b", T2, true), new Entry("a", T1, false)), T1, "c");
		assertThat(side).isEqualTo(new HubSpotSide("c", "a", T3, true, T4));
	}

}
