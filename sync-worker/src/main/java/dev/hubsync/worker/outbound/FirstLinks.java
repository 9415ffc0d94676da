package dev.hubsync.worker.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.matching.MatchKeys;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.MatchLocks;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;

/**
 * Keeps the two directions from linking or stamping one person at once. The inbound
 * direction matches a new HubSpot record under a transaction-scoped advisory lock on its
 * match keys ({@code record:<key>}, then its email) and stamps the records it linked
 * under the {@code record:<key>} lock; the outbound direction, about to write the record
 * it matched to an unlinked row, or to stamp a linked record, takes the same locks
 * without waiting ({@link MatchLocks}, held across its HubSpot write, released before it
 * records) and looks again: a row or record the inbound direction linked since the
 * batch's read, or is linking or stamping now, is left to the next merge round, read with
 * its link, instead of being written from a stale read (a write that changes nothing, the
 * record's stamp written twice). The inbound direction, matching or stamping while the
 * write is in flight, waits for it and then sees the record as written.
 */
@Component
class FirstLinks {

	private final MatchLocks locks;

	private final LinkStore links;

	FirstLinks(MatchLocks locks, LinkStore links) {
		this.locks = locks;
		this.links = links;
	}

	/**
	 * Locks the match keys of the pairs that are first links or stamp their record, and
	 * finds those linked meanwhile.
	 * @param mapping the mapping
	 * @param pairs the round's pairs
	 * @return the guard, to close after the pairs are recorded
	 */
	Guard guard(CompiledMapping mapping, List<Pair> pairs) {
		List<Pair> first = pairs.stream().filter((pair) -> pair.link == null).toList();
		List<Pair> stamping = pairs.stream().filter((pair) -> pair.link != null && stamps(pair)).toList();
		if (first.isEmpty() && stamping.isEmpty()) {
			return new Guard(MatchLocks.Held.none(), Set.of());
		}
		Set<Long> keys = new TreeSet<>();
		CompiledField email = mapping.emailField().orElse(null);
		for (Pair pair : first) {
			keys.add(MatchLocks.recordKey(mapping.objectTypeId(), pair.key));
			Object value = (email != null) ? pair.row.get(email.column()) : null;
			String normalised = (value != null) ? MatchKeys.normaliseEmail(value.toString()) : null;
			if (normalised != null) {
				keys.add(MatchKeys.lockKey(mapping.objectTypeId(), normalised));
			}
		}
		stamping.forEach((pair) -> keys.add(MatchLocks.recordKey(mapping.objectTypeId(), pair.key)));
		// never waits: the inbound direction may hold a key while it waits for a row this
		// batch's other connections hold; a key taken means that direction is linking or
		// stamping the person right now, and the pairs are merged again next round
		MatchLocks.Held held = this.locks.tryLock(keys);
		if (held == null) {
			Set<String> all = new TreeSet<>();
			first.forEach((pair) -> all.add(pair.key));
			stamping.forEach((pair) -> all.add(pair.key));
			return new Guard(MatchLocks.Held.none(), all);
		}
		try {
			Set<String> raced = new TreeSet<>();
			if (!first.isEmpty()) {
				Map<String, Link> byRow = this.links.byPlatformKeys(mapping.objectTypeId(),
						first.stream().map((pair) -> pair.key).toList());
				Map<Long, Link> byRecord = this.links.byHubSpotIds(mapping.objectTypeId(),
						first.stream().map(Pair::hubspotId).toList());
				for (Pair pair : first) {
					if (live(byRow.get(pair.key)) || live(byRecord.get(pair.hubspotId()))) {
						raced.add(pair.key);
					}
				}
			}
			return new Guard(held, raced);
		}
		catch (RuntimeException ex) {
			held.close();
			throw ex;
		}
	}

	/** Whether the pair's write stamps the record with the row's key. */
	static boolean stamps(Pair pair) {
		return pair.object.properties().containsKey(RECORD_ID) && !pair.key.equals(pair.object.property(RECORD_ID));
	}

	private static boolean live(@Nullable Link link) {
		return link != null && !link.archived();
	}

	/**
	 * The locks of one round, and the pairs linked by the other direction meanwhile.
	 */
	static final class Guard implements AutoCloseable {

		private final MatchLocks.Held held;

		private final Set<String> raced;

		Guard(MatchLocks.Held held, Set<String> raced) {
			this.held = held;
			this.raced = raced;
		}

		/**
		 * Returns the rows linked meanwhile, to read and merge again.
		 * @return their keys
		 */
		Set<String> raced() {
			return this.raced;
		}

		/**
		 * Returns the pairs to write this round.
		 * @param pairs the round's pairs
		 * @return those not linked meanwhile
		 */
		List<Pair> unraced(List<Pair> pairs) {
			if (this.raced.isEmpty()) {
				return pairs;
			}
			List<Pair> kept = new ArrayList<>();
			for (Pair pair : pairs) {
				if (!this.raced.contains(pair.key)) {
					kept.add(pair);
				}
			}
			return kept;
		}

		@Override
		public void close() {
			this.held.close();
		}

	}

}
