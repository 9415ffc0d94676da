package dev.hubsync.ingress.webhook;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.hubsync.events.EventJson;
import dev.hubsync.ingress.publishing.Slice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Splitting a body into events, each parsed once and kept as HubSpot's exact text. */
class WebhookBodyTests {

	private static final String EVENT = "{ \"eventId\": 1, \"portalId\": 33, \"objectId\": 7,"
			+ " \"occurredAt\": 1700000000000, \"subscriptionType\": \"contact.propertyChange\","
			+ " \"propertyName\": \"firstname\", \"propertyValue\": \"Zoë \\\"Ł\\\"\" }";

	@Test
	void eachEventKeepsItsExactTextAndEveryOtherElementIsMalformedWithItsOwnBytes() {
		String missing = "{\"eventId\":2,\"portalId\":33,\"occurredAt\":1,\"subscriptionType\":\"contact.creation\"}";
		List<Slice> slices = parse(
				"[ " + EVENT + " ,\"a string, with [brackets]\", 42, [1, {\"x\": 2}], " + missing + ", null ]");
		assertThat(slices).hasSize(6);
		assertThat(slices.get(0)).isInstanceOfSatisfying(Slice.Event.class, (event) -> {
			assertThat(event.event().raw()).isEqualTo(EVENT);
			assertThat(event.event().propertyValue()).isEqualTo("Zoë \"Ł\"");
			assertThat(event.event().key().toString()).isEqualTo("33:0-1:7");
		});
		assertThat(malformed(slices.get(1))).isEqualTo("\"a string, with [brackets]\"");
		assertThat(malformed(slices.get(2))).isEqualTo("42");
		assertThat(malformed(slices.get(3))).isEqualTo("[1, {\"x\": 2}]");
		assertThat(malformed(slices.get(4))).isEqualTo(missing);
		assertThat(((Slice.Malformed) slices.get(4)).reason()).isEqualTo("missing required field 'objectId'");
		assertThat(((Slice.Malformed) slices.get(1)).reason()).isEqualTo("event is not a JSON object");
		assertThat(malformed(slices.get(5))).isEqualTo("null");
	}

	@Test
	void aBodyThatIsNotOneJsonArrayIsRefusedWhole() {
		assertThatExceptionOfType(WebhookBody.NotAJsonArrayException.class).isThrownBy(() -> parse(EVENT))
			.withMessage("the body is not a JSON array");
		assertThatExceptionOfType(WebhookBody.NotAJsonArrayException.class).isThrownBy(() -> parse("[" + EVENT))
			.withMessageStartingWith("the body is not valid JSON");
		assertThatExceptionOfType(WebhookBody.NotAJsonArrayException.class)
			.isThrownBy(() -> parse("[" + EVENT + "] []"))
			.withMessage("unexpected content after the JSON array");
		assertThatExceptionOfType(WebhookBody.NotAJsonArrayException.class)
			.isThrownBy(() -> parse("[{\"eventId\": 1,}]"))
			.withMessageStartingWith("the body is not valid JSON");
		assertThat(parse("[]")).isEmpty();
	}

	private static List<Slice> parse(String body) {
		return WebhookBody.parse(body.getBytes(StandardCharsets.UTF_8), EventJson.mapper());
	}

	private static String malformed(Slice slice) {
		assertThat(slice).isInstanceOf(Slice.Malformed.class);
		return new String(((Slice.Malformed) slice).raw(), StandardCharsets.UTF_8);
	}

}
