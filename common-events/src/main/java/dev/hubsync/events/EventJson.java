package dev.hubsync.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the wire contract. Readers ignore fields they do not know, so a
 * newer writer can add fields within a schema version; instants are ISO-8601 strings.
 */
public final class EventJson {

	/** The envelope schema version this build writes, and the highest it reads. */
	public static final int SCHEMA_VERSION = 1;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private EventJson() {
	}

	/**
	 * Returns the shared mapper. It is immutable and thread-safe.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
