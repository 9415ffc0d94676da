package dev.hubsync.worker.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.matching.FuzzyMatcher;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The fuzzy rule (ARCHITECTURE §6): unlinked rows sharing at least one fuzzy column's
 * value (case-insensitive) with a HubSpot record are scored by the mapping's
 * {@link FuzzyMatcher} over all fuzzy columns; the best at or above the threshold is
 * linked when the mapping says {@code fuzzyAutoMerge}, otherwise proposed in the review
 * table while the record gets a row of its own.
 */
@Component
class FuzzyMatch {

	private final PlatformRows rows;

	private final LinkStore links;

	private final SyncState state;

	FuzzyMatch(PlatformRows rows, LinkStore links, SyncState state) {
		this.rows = rows;
		this.links = links;
		this.state = state;
	}

	RecordMatch match(CompiledMapping mapping, HubSpotObject object) {
		List<String> columns = mapping.matching().fuzzyColumns();
		if (columns.isEmpty()) {
			return RecordMatch.create("no match");
		}
		List<@Nullable String> theirs = new ArrayList<>();
		for (String column : columns) {
			CompiledField field = mapping.byColumn(column).orElseThrow();
			Object value = field.toPlatform(object.id(), object.property(field.property()));
			theirs.add((value != null) ? value.toString() : null);
		}
		FuzzyMatcher matcher = new FuzzyMatcher(mapping.matching());
		String best = null;
		double bestScore = 0;
		for (Map.Entry<String, List<@Nullable String>> candidate : this.rows
			.candidates(mapping.config(), columns, theirs)
			.entrySet()) {
			if (this.links.byPlatformKey(mapping.objectTypeId(), candidate.getKey()).isPresent()) {
				continue;
			}
			double score = matcher.score(candidate.getValue(), theirs);
			if (score >= mapping.matching().fuzzyThreshold() && score > bestScore) {
				best = candidate.getKey();
				bestScore = score;
			}
		}
		if (best == null) {
			return RecordMatch.create("no match");
		}
		String score = String.format(Locale.ROOT, "%.3f", bestScore);
		if (mapping.matching().fuzzyAutoMerge()) {
			return RecordMatch.row(best, "fuzzy match (" + score + ")");
		}
		this.state.openReview("fuzzy", mapping.objectTypeId(), best, Long.parseLong(object.id()),
				String.join(",", columns), null, String.join(" ", theirs.stream().map(String::valueOf).toList()),
				"similar to platform row " + best + " (score " + score + "); link them by hand if they are one");
		return RecordMatch.create("no match (a similar row is proposed for review)");
	}

}
