package dev.hubsync.ingress.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused webhook requests at most once per interval, with how many were refused
 * without a line since: a flood of forged requests must not become a flood of log lines
 * (every refusal is still counted in {@code hubsync.ingress.requests{outcome}}). One
 * timestamp and one counter do this; a rate-limiting library would add a bucket per call
 * for the same effect.
 */
class RejectionLog {

	private static final Logger logger = LoggerFactory.getLogger(WebhookController.class);

	private final Clock clock;

	private final long intervalMillis;

	private final AtomicLong next = new AtomicLong();

	private final AtomicLong suppressed = new AtomicLong();

	RejectionLog(Clock clock, Duration interval) {
		this.clock = clock;
		this.intervalMillis = interval.toMillis();
	}

	/**
	 * Logs a refusal, unless one was logged within the interval.
	 * @param status the HTTP status answered
	 * @param message why, in HubSync's words (never the request's own text)
	 */
	void refused(int status, String message) {
		long now = this.clock.millis();
		long due = this.next.get();
		if (now < due || !this.next.compareAndSet(due, now + this.intervalMillis)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long quiet = this.suppressed.getAndSet(0);
		if (quiet > 0) {
			logger.warn("Refused a webhook request ({}): {} ({} more refused since the last line)", status, message,
					quiet);
		}
		else {
			logger.warn("Refused a webhook request ({}): {}", status, message);
		}
	}

}
