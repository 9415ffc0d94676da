package dev.hubsync.events.serde;

import dev.hubsync.events.EventFormatException;
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
		ObjectNode envelope = EventJson.mapper().createObjectNode();
		envelope.put("schemaVersion", EventJson.SCHEMA_VERSION);
		envelope.setAll((ObjectNode) EventJson.mapper().valueToTree(value));
		return EventJson.mapper().writeValueAsBytes(envelope);
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
