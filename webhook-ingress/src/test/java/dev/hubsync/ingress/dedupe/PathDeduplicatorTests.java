package dev.hubsync.ingress.dedupe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.ingress.publishing.Slice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PathDeduplicatorTests {

	private final MutableClock clock = new MutableClock();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final PathDeduplicator dedupe = new PathDeduplicator(true, Duration.ofMinutes(10), this.clock,
			this.registry);

	@Test
	void theSecondPathsCopyIsNotPublished() {
		Slice webhook = event("{\"eventId\":1,\"portalId\":1,\"objectId\":7,\"occurredAt\":5,"
				+ "\"subscriptionType\":\"contact.propertyChange\",\"propertyName\":\"email\",\"propertyValue\":\"a\"}");
		Slice journal = event("{\"journalOffset\":\"o\",\"portalId\":1,\"objectTypeId\":\"0-1\",\"objectId\":7,"
				+ "\"occurredAt\":5,\"subscriptionType\":\"contact.propertyChange\",\"propertyName\":\"email\","
				+ "\"propertyValue\":\"a\"}");
		assertThat(this.dedupe.undelivered(List.of(webhook), DeliveryPath.WEBHOOKS)).containsExactly(webhook);
		assertThat(this.dedupe.undelivered(List.of(journal), DeliveryPath.JOURNAL)).isEmpty();
		this.clock.advance(Duration.ofMinutes(11));
		this.dedupe.sweep();
		assertThat(missedBy("webhooks")).isZero();
		assertThat(missedBy("journal")).isZero();
		assertThat(this.registry.counter(PathDeduplicator.DEDUPLICATED, "path", "journal").count()).isOne();
	}

	@Test
	void aChangeOnlyOnePathDeliveredCountsAsMissedByTheOtherOnceTheWindowCloses() {
		Slice journal = event("{\"journalOffset\":\"o\",\"portalId\":1,\"objectTypeId\":\"0-1\",\"objectId\":8,"
				+ "\"occurredAt\":5,\"subscriptionType\":\"contact.deletion\"}");
		this.dedupe.undelivered(List.of(journal), DeliveryPath.JOURNAL);
		this.clock.advance(Duration.ofMinutes(9));
		this.dedupe.sweep();
		assertThat(missedBy("webhooks")).isZero();
		this.clock.advance(Duration.ofMinutes(2));
		this.dedupe.sweep();
		assertThat(missedBy("webhooks")).isOne();
		assertThat(missedBy("journal")).isZero();
	}

	@Test
	void aFailedPublishGivesItsClaimUpSoTheOtherPathsCopyIsPublished() {
		Slice webhook = event("{\"eventId\":1,\"portalId\":1,\"objectId\":9,\"occurredAt\":5,"
				+ "\"subscriptionType\":\"contact.creation\"}");
		Slice journal = event("{\"journalOffset\":\"o\",\"portalId\":1,\"objectTypeId\":\"0-1\",\"objectId\":9,"
				+ "\"occurredAt\":5,\"subscriptionType\":\"contact.creation\"}");
		List<Slice> claimed = this.dedupe.undelivered(List.of(webhook), DeliveryPath.WEBHOOKS);
		this.dedupe.failed(claimed, DeliveryPath.WEBHOOKS);
		assertThat(this.dedupe.undelivered(List.of(journal), DeliveryPath.JOURNAL)).containsExactly(journal);
	}

	@Test
	void passesEverythingThroughOutsideModeBoth() {
		PathDeduplicator off = new PathDeduplicator(false, Duration.ofMinutes(10), this.clock, this.registry);
		Slice slice = event("{\"eventId\":1,\"portalId\":1,\"objectId\":9,\"occurredAt\":5,"
				+ "\"subscriptionType\":\"contact.creation\"}");
		off.undelivered(List.of(slice), DeliveryPath.WEBHOOKS);
		assertThat(off.undelivered(List.of(slice), DeliveryPath.JOURNAL)).containsExactly(slice);
	}

	private double missedBy(String path) {
		return this.registry.counter(PathDeduplicator.MISSED, "missed_by", path).count();
	}

	private static Slice event(String json) {
		return new Slice.Event(WebhookEvent.parse(json));
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
