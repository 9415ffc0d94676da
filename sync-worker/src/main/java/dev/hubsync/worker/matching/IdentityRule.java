package dev.hubsync.worker.matching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which of the product rows sharing one normalised match key (an email in another case,
 * say) may stand for the HubSpot record that has the key: a HubSpot record is linked to
 * at most one row. The row already linked to it keeps it; a row linked to another record
 * keeps the key for that pair; otherwise the oldest {@code created_at} wins, then the
 * lowest key. Every other row is a duplicate: it stays unlinked, is never written over
 * another row's record, and goes to review. A pure function.
 */
public final class IdentityRule {

	private static final Comparator<Candidate> OLDEST_FIRST = Comparator
		.comparing(Candidate::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(Candidate::key);

	private IdentityRule() {
	}

	/**
	 * Chooses the row that stands for a key.
	 * @param candidates the live rows with the key
	 * @param record the HubSpot record that has the key, if one exists
	 * @return the choice
	 */
	public static Choice choose(List<Candidate> candidates, @Nullable Long record) {
		if (candidates.isEmpty()) {
			return new Choice(null, List.of(), "no row has the key");
		}
		Candidate keeper = null;
		String why;
		if (record != null) {
			keeper = candidates.stream().filter((c) -> record.equals(c.linkedTo())).findFirst().orElse(null);
		}
		List<Candidate> linked = candidates.stream().filter((c) -> c.linkedTo() != null).sorted(OLDEST_FIRST).toList();
		if (keeper != null) {
			why = "row " + keeper.key() + " is linked to it";
		}
		else if (!linked.isEmpty()) {
			Candidate holder = linked.get(0);
			List<String> duplicates = candidates.stream()
				.filter((c) -> c.linkedTo() == null)
				.sorted(OLDEST_FIRST)
				.map(Candidate::key)
				.toList();
			return new Choice(null, duplicates,
					"row " + holder.key() + " keeps the key (linked to " + holder.linkedTo() + ")");
		}
		else {
			keeper = candidates.stream().sorted(OLDEST_FIRST).findFirst().orElseThrow();
			why = (candidates.size() == 1) ? "the only row with the key"
					: "row " + keeper.key() + " is the oldest with the key";
		}
		List<String> duplicates = new ArrayList<>();
		for (Candidate candidate : candidates.stream().sorted(OLDEST_FIRST).toList()) {
			if (candidate != keeper && candidate.linkedTo() == null) {
				duplicates.add(candidate.key());
			}
		}
		return new Choice(keeper.key(), duplicates, why);
	}

	/**
	 * A row with the key.
	 *
	 * @param key the row's key
	 * @param createdAt its creation time, if the table has one
	 * @param linkedTo the HubSpot record it is linked to, if any
	 */
	public record Candidate(String key, @Nullable Instant createdAt, @Nullable Long linkedTo) {
	}

	/**
	 * The choice.
	 *
	 * @param keeper the row that stands for the key; null when a row linked to another
	 * record holds it, or no row has it
	 * @param duplicates the unlinked rows that must not take it (oldest first)
	 * @param why the reason, for review and the sync log
	 */
	public record Choice(@Nullable String keeper, List<String> duplicates, String why) {

		/**
		 * Freezes the list.
		 * @param keeper the keeper
		 * @param duplicates the duplicates
		 * @param why the reason
		 */
		public Choice {
			duplicates = List.copyOf(duplicates);
		}

	}

}
