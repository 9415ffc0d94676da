package dev.hubsync.worker.bulk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.worker.bulk.BulkSync.Direction;
import org.jspecify.annotations.Nullable;

/**
 * A bulk sync run as the admin API and the gauges show it: its phases (an object type in
 * one direction each), in order, and their progress.
 */
public final class BulkRun {

	private final String trigger;

	private final Instant startedAt;

	private final List<Phase> phases = new java.util.concurrent.CopyOnWriteArrayList<>();

	volatile long id;

	private volatile String state = "running";

	private volatile @Nullable String detail;

	private volatile @Nullable Instant finishedAt;

	BulkRun(String trigger, Instant startedAt) {
		this.trigger = trigger;
		this.startedAt = startedAt;
	}

	Phase phase(String objectTypeId, Direction direction, Instant now) {
		for (Phase phase : this.phases) {
			if (phase.objectTypeId.equals(objectTypeId) && phase.direction == direction) {
				return phase;
			}
		}
		Phase phase = new Phase(objectTypeId, direction, now);
		this.phases.add(phase);
		return phase;
	}

	List<Phase> phases() {
		return this.phases;
	}

	void finish(String state, @Nullable String detail) {
		this.detail = detail;
		this.finishedAt = Instant.now();
		this.state = state;
	}

	String summary() {
		List<String> parts = new ArrayList<>();
		for (Phase phase : this.phases) {
			parts.add(ObjectTypes.pathName(phase.objectTypeId) + " " + phase.direction.wireValue() + " " + phase.done
					+ "/" + phase.total + " (" + phase.linked + " linked to existing records, " + phase.setAside
					+ " set aside)");
		}
		return String.join(", ", parts);
	}

	/**
	 * Returns the run's id in {@code hubsync.bulk_sync} (0 before it has the lock).
	 * @return the id
	 */
	public long id() {
		return this.id;
	}

	/**
	 * Returns what started it.
	 * @return {@code first-start} or {@code admin}
	 */
	public String trigger() {
		return this.trigger;
	}

	/**
	 * Returns when it started.
	 * @return the time
	 */
	public Instant startedAt() {
		return this.startedAt;
	}

	/**
	 * Returns its state.
	 * @return running, finished, stalled, skipped, failed or cancelled
	 */
	public String state() {
		return this.state;
	}

	/**
	 * Returns the outcome's detail.
	 * @return the detail, if any
	 */
	public @Nullable String detail() {
		return this.detail;
	}

	/**
	 * Returns when it finished.
	 * @return the time, if it has
	 */
	public @Nullable Instant finishedAt() {
		return this.finishedAt;
	}

	/**
	 * Returns whether it has finished.
	 * @return whether it has
	 */
	public boolean isFinished() {
		return !this.state.equals("running");
	}

	/**
	 * Returns each phase's progress.
	 * @return the progress, in order
	 */
	public List<Progress> progress() {
		return this.phases.stream().map(Phase::progress).toList();
	}

	/**
	 * One phase's progress.
	 *
	 * @param objectType the object type's name
	 * @param direction push or pull
	 * @param state running, finished or stalled
	 * @param total records to link
	 * @param published events published
	 * @param done records handled (their events consumed, or set aside before)
	 * @param linked rows linked to an existing HubSpot record by the link phase
	 * @param setAside records not linked once every event was consumed: duplicates for
	 * review, dead letters
	 * @param perSecond records handled per second since the phase started
	 * @param etaSeconds seconds left at that rate, if known
	 * @param startedAt when the phase started
	 */
	public record Progress(String objectType, String direction, String state, long total, long published, long done,
			long linked, long setAside, double perSecond, @Nullable Long etaSeconds, Instant startedAt) {
	}

	/** One phase: an object type in one direction. */
	static final class Phase {

		final String objectTypeId;

		final Direction direction;

		final Instant startedAt;

		volatile String state = "running";

		volatile long total;

		volatile long published;

		volatile long done;

		/** Rows the link phase paired with an existing HubSpot record. */
		volatile long linked;

		/** Rows the link phase set aside as duplicates, never published. */
		volatile long duplicates;

		/** Records not linked once every event was consumed (reviews, dead letters). */
		volatile long setAside;

		/** Records linked once every event was consumed. */
		volatile long linkedAfter;

		volatile Instant measuredAt;

		Phase(String objectTypeId, Direction direction, Instant startedAt) {
			this.objectTypeId = objectTypeId;
			this.direction = direction;
			this.startedAt = startedAt;
			this.measuredAt = startedAt;
		}

		Progress progress() {
			double seconds = Math.max(0.001, Duration.between(this.startedAt, this.measuredAt).toMillis() / 1000.0);
			double rate = this.done / seconds;
			Long eta = null;
			if (this.done >= this.total) {
				eta = 0L;
			}
			else if (rate > 0) {
				eta = (long) Math.ceil((this.total - this.done) / rate);
			}
			return new Progress(ObjectTypes.pathName(this.objectTypeId), this.direction.wireValue(), this.state,
					this.total, this.published, this.done, this.linked, this.setAside, rate, eta, this.startedAt);
		}

	}

}
