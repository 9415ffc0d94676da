package dev.hubsync.worker.matching;

import java.time.Instant;
import java.util.List;

import dev.hubsync.worker.matching.IdentityRule.Candidate;
import dev.hubsync.worker.matching.IdentityRule.Choice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityRuleTests {

	private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");

	private static final Instant NEW = Instant.parse("2026-06-01T00:00:00Z");

	@Test
	void theRowAlreadyLinkedToTheRecordKeepsIt() {
		Choice choice = IdentityRule.choose(List.of(new Candidate("a", OLD, null), new Candidate("b", NEW, 7L)), 7L);
		assertThat(choice.keeper()).isEqualTo("b");
		assertThat(choice.duplicates()).containsExactly("a");
	}

	@Test
	void otherwiseTheOldestRowWinsThenTheLowestKey() {
		assertThat(IdentityRule.choose(List.of(new Candidate("b", NEW, null), new Candidate("c", OLD, null)), 7L))
			.isEqualTo(new Choice("c", List.of("b"), "row c is the oldest with the key"));
		assertThat(IdentityRule.choose(List.of(new Candidate("z", OLD, null), new Candidate("y", OLD, null)), null)
			.keeper()).isEqualTo("y");
		// a row without a creation time comes last
		assertThat(IdentityRule.choose(List.of(new Candidate("a", null, null), new Candidate("b", NEW, null)), 7L)
			.keeper()).isEqualTo("b");
	}

	@Test
	void aRowLinkedToAnotherRecordHoldsTheKeyAndTheUnlinkedOnesAreDuplicates() {
		Choice choice = IdentityRule.choose(
				List.of(new Candidate("a", NEW, 5L), new Candidate("b", OLD, null), new Candidate("c", NEW, null)), 7L);
		assertThat(choice.keeper()).isNull();
		assertThat(choice.duplicates()).containsExactly("b", "c");
		assertThat(choice.why()).contains("row a keeps the key");
	}

	@Test
	void aSingleRowStandsForItsKey() {
		assertThat(IdentityRule.choose(List.of(new Candidate("a", null, null)), null))
			.isEqualTo(new Choice("a", List.of(), "the only row with the key"));
		assertThat(IdentityRule.choose(List.of(), 7L).keeper()).isNull();
	}

}
