package dev.hubsync.ingress.webhook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.ingress.publishing.Slice;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits a webhook body into its events: the whole body must be a JSON array (else the
 * request is refused), and each element is sliced out by the parser's byte offsets so the
 * event keeps HubSpot's exact text. An element that is not a valid event becomes a
 * malformed slice with its reason.
 */
final class WebhookBody {

	private WebhookBody() {
	}

	static List<Slice> parse(byte[] body, JsonMapper json) {
		List<Slice> slices = new ArrayList<>();
		try (JsonParser parser = json.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new NotAJsonArrayException("the body is not a JSON array");
			}
			JsonToken token;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (token == null) {
					throw new NotAJsonArrayException("the JSON array is not closed");
				}
				int start = (int) parser.currentTokenLocation().getByteOffset();
				try {
					// each event is parsed once, where it stands in the body
					slices.add(new Slice.Event(WebhookEvent.read(parser, body)));
				}
				catch (EventFormatException ex) {
					// an element that is not an object: past its end, strings included
					parser.finishToken();
					parser.skipChildren();
					int end = (int) parser.currentLocation().getByteOffset();
					slices.add(new Slice.Malformed(Arrays.copyOfRange(body, start, end), ex.getMessage()));
				}
			}
			if (parser.nextToken() != null) {
				throw new NotAJsonArrayException("unexpected content after the JSON array");
			}
		}
		catch (JacksonException ex) {
			throw new NotAJsonArrayException("the body is not valid JSON: " + ex.getOriginalMessage());
		}
		return slices;
	}

	/** The body is not a JSON array of anything. */
	static final class NotAJsonArrayException extends RuntimeException {

		NotAJsonArrayException(String message) {
			super(message);
		}

	}

}
