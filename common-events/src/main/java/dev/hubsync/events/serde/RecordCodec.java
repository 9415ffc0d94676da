package dev.hubsync.events.serde;

import java.nio.charset.StandardCharsets;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The envelope of a plain data record ({@code MappingConfig}, {@code SyncResult}): the
 * record's JSON with {@code schemaVersion} first.
 *
 * @param <T> the record type
 */
public final class RecordCodec<T> implements EventCodec<T> {

	private final Class<T> type;

	/**
	 * Creates a codec.
	 * @param type the record type
	 */
	public RecordCodec(Class<T> type) {
		this.type = type;
	}

	@Override
	public byte[] encode(T value) {
		// one serialization, with the version spliced in after the opening brace (a tree
		// built first and written again cost twice as much, once per sync result)
		byte[] body = EventJson.mapper().writeValueAsBytes(value);
		if (body.length < 2 || body[0] != '{') {
			throw new IllegalArgumentException(this.type.getSimpleName() + " is not written as a JSON object");
		}
		byte[] head = ("{\"schemaVersion\":" + EventJson.SCHEMA_VERSION + ((body.length > 2) ? "," : ""))
			.getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[head.length + body.length - 1];
		System.arraycopy(head, 0, out, 0, head.length);
		System.arraycopy(body, 1, out, head.length, body.length - 1);
		return out;
	}

	@Override
	public T decode(byte[] bytes) {
		JsonNode tree = Envelopes.readObject(bytes);
		((ObjectNode) tree).remove("schemaVersion");
		try {
			return EventJson.mapper().treeToValue(tree, this.type);
		}
		catch (JacksonException ex) {
			throw formatError(ex);
		}
	}

	private static EventFormatException formatError(JacksonException ex) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof EventFormatException format) {
				return format;
			}
			cause = cause.getCause();
		}
		return new EventFormatException(null, "value does not fit the contract: " + ex.getOriginalMessage(), ex);
	}

}
