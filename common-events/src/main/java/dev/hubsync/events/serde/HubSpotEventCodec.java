package dev.hubsync.events.serde;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventJson;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.hubspot.WebhookEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The envelope of a {@link HubSpotEvent}:
 * {@code {"schemaVersion":1,"receivedAt":"…","source":"webhook","event":{…}}}. The event
 * is written as the exact text HubSpot sent and read back as the exact bytes between its
 * braces, so a replayed event is byte-for-byte the one received.
 */
public final class HubSpotEventCodec implements EventCodec<HubSpotEvent> {

	@Override
	public byte[] encode(HubSpotEvent value) {
		// written by hand rather than with a generator: every part but the event is a
		// constant or an instant (nothing to escape), and the event is HubSpot's text,
		// copied as it is; this runs once per webhook event
		byte[] head = ("{\"schemaVersion\":" + EventJson.SCHEMA_VERSION + ",\"receivedAt\":\"" + value.receivedAt()
				+ "\",\"source\":\"" + value.source().wireValue() + "\",\"event\":")
			.getBytes(StandardCharsets.UTF_8);
		byte[] event = value.event().raw().getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[head.length + event.length + 1];
		System.arraycopy(head, 0, out, 0, head.length);
		System.arraycopy(event, 0, out, head.length, event.length);
		out[out.length - 1] = '}';
		return out;
	}

	@Override
	public HubSpotEvent decode(byte[] bytes) {
		Integer schemaVersion = null;
		String receivedAt = null;
		String source = null;
		WebhookEvent event = null;
		try (JsonParser parser = EventJson.mapper().createParser(bytes)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new EventFormatException(null, "value is not a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken token = parser.nextToken();
				switch (name) {
					case "schemaVersion" ->
						schemaVersion = (token == JsonToken.VALUE_NUMBER_INT) ? parser.getIntValue() : -1;
					case "receivedAt" -> receivedAt = text(parser, token);
					case "source" -> source = text(parser, token);
					case "event" -> event = rawEvent(parser, token, bytes);
					default -> parser.skipChildren();
				}
			}
		}
		catch (JacksonException ex) {
			throw new EventFormatException(null, "value is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		checkVersion(schemaVersion);
		return new HubSpotEvent(EventFormatException.require(event, "event"), instant(receivedAt),
				EventSource.fromWire(EventFormatException.require(source, "source")));
	}

	private static @Nullable String text(JsonParser parser, JsonToken token) {
		return (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
	}

	private static WebhookEvent rawEvent(JsonParser parser, JsonToken token, byte[] bytes) {
		if (token != JsonToken.START_OBJECT) {
			throw new EventFormatException("event", "field 'event' must be a JSON object");
		}
		return WebhookEvent.read(parser, bytes);
	}

	private static void checkVersion(@Nullable Integer schemaVersion) {
		if (schemaVersion == null) {
			throw EventFormatException.missing("schemaVersion");
		}
		if (schemaVersion < 1 || schemaVersion > EventJson.SCHEMA_VERSION) {
			throw new EventFormatException("schemaVersion", "unsupported schemaVersion " + schemaVersion
					+ " (this build reads 1 to " + EventJson.SCHEMA_VERSION + ")");
		}
	}

	private static Instant instant(@Nullable String receivedAt) {
		try {
			return Instant.parse(EventFormatException.require(receivedAt, "receivedAt"));
		}
		catch (DateTimeParseException ex) {
			throw new EventFormatException("receivedAt", "field 'receivedAt' must be an ISO-8601 instant", ex);
		}
	}

}
