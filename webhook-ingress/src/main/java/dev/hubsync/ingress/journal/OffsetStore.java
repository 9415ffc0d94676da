package dev.hubsync.ingress.journal;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where the journal reader's position survives a restart. Contract: {@link #store}
 * returns only once the offset is durable, and the reader calls it only after Kafka
 * acknowledged every event read up to that offset — so a restart re-reads at most what
 * was published but not yet recorded (duplicates with the same identities, which the
 * worker drops), never skips anything.
 */
interface OffsetStore {

	/**
	 * Reads the last stored position.
	 * @return the position, or empty when the reader never stored one
	 */
	Optional<Position> load();

	/**
	 * Stores a position durably.
	 * @param position the position
	 */
	void store(Position position);

	/**
	 * A position in the journal.
	 *
	 * @param offset the last entry handled
	 * @param publishedAt when that entry was published (what may be lost when it ages
	 * out), or {@code null} when unknown
	 */
	record Position(String offset, @Nullable Instant publishedAt) {
	}

}
