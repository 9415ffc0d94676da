package dev.hubsync.events.serde;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.TestResources;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.hubspot.WebhookEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HubSpotEventCodecTests {

	private final HubSpotEventCodec codec = new HubSpotEventCodec();

	@Test
	void goldenEnvelopeRoundTripsByteForByte() {
		byte[] golden = TestResources.bytes("golden/hubspot-event.json");
		HubSpotEvent event = this.codec.decode(golden);
		assertThat(event.receivedAt()).isEqualTo(Instant.parse("2026-11-20T08:15:30.123Z"));
		assertThat(event.source()).isEqualTo(EventSource.WEBHOOK);
		assertThat(event.key().toString()).isEqualTo("33:0-1:1246965");
		assertThat(event.event().raw()).startsWith("{\"eventId\": 3816279340,").endsWith("\"userId:45678\"}");
		assertThat(new String(this.codec.encode(event), StandardCharsets.UTF_8))
			.isEqualTo(new String(golden, StandardCharsets.UTF_8));
	}

	@Test
	void keepsMultiByteCharactersOfTheEventExactly() {
		String raw = TestResources.arrayElements("reference-webhooks/integration-echo.json").get(0);
		HubSpotEvent event = new HubSpotEvent(WebhookEvent.parse(raw), Instant.EPOCH, EventSource.WEBHOOK);
		HubSpotEvent decoded = this.codec.decode(this.codec.encode(event));
		assertThat(decoded).isEqualTo(event);
		assertThat(decoded.event().raw()).isEqualTo(raw).contains("Zoë Ł");
	}

	@Test
	void replayKeepsTheIdentity() {
		HubSpotEvent event = this.codec.decode(TestResources.bytes("golden/hubspot-event.json"));
		HubSpotEvent replay = this.codec.decode(this.codec.encode(event.asReplay()));
		assertThat(replay.source()).isEqualTo(EventSource.REPLAY);
		assertThat(replay.identity()).isEqualTo(event.identity());
	}

	@Test
	void namesMissingFields() {
		String event = "{\"eventId\":1,\"portalId\":2,\"objectId\":3,\"occurredAt\":4,\"subscriptionType\":\"contact.creation\"}";
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> decode("{\"schemaVersion\":1,\"source\":\"webhook\",\"event\":" + event + "}"))
			.withMessage("missing required field 'receivedAt'");
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(
				() -> decode("{\"schemaVersion\":1,\"receivedAt\":\"2026-01-01T00:00:00Z\",\"source\":\"webhook\"}"))
			.withMessage("missing required field 'event'");
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(
				() -> decode("{\"receivedAt\":\"2026-01-01T00:00:00Z\",\"source\":\"poll\",\"event\":" + event + "}"))
			.withMessage("missing required field 'schemaVersion'");
	}

	@Test
	void refusesSchemaVersionsFromTheFuture() {
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> decode("{\"schemaVersion\":2,\"receivedAt\":\"2026-01-01T00:00:00Z\"}"))
			.withMessageContaining("unsupported schemaVersion 2");
	}

	@Test
	void refusesValuesThatAreNotJsonObjects() {
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> decode("[]"))
			.withMessage("value is not a JSON object");
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> decode("{\"schemaVersion\":"))
			.withMessageStartingWith("value is not valid JSON");
	}

	private HubSpotEvent decode(String json) {
		return this.codec.decode(json.getBytes(StandardCharsets.UTF_8));
	}

}
