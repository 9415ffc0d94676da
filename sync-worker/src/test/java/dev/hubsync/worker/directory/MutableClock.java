package dev.hubsync.worker.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the test moves. */
final class MutableClock extends Clock {

	private Instant now;

	private final ZoneId zone;

	MutableClock(Instant now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId other) {
		return new MutableClock(this.now, other);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
