package dev.hubsync.events;

/**
 * Kafka topic names, declared once (ARCHITECTURE §2). Code, annotations and tests refer
 * to these constants; nothing else spells a topic name.
 */
public final class Topics {

	/**
	 * HubSpot webhook, poll and replay events, keyed
	 * {@code {portalId}:{objectTypeId}:{objectId}}. Retention of at least seven days:
	 * this is the replay log.
	 */
	public static final String HUBSPOT_EVENTS = "hubsync.hubspot.events.v1";

	/** Platform row changes captured by Debezium, keyed {@code {table}:{primaryKey}}. */
	public static final String LOCAL_CHANGES = "hubsync.local.changes.v1";

	/**
	 * The whole mapping of one object type, versioned, keyed {@code {objectTypeId}};
	 * compacted.
	 */
	public static final String MAPPING_CONFIG = "hubsync.mapping.config.v1";

	/** The outcome of every sync decision, keyed as the input that caused it. */
	public static final String SYNC_RESULTS = "hubsync.sync.results.v1";

	/**
	 * Where the outbound publisher's Debezium engine keeps its offsets (internal to the
	 * publisher; compacted).
	 */
	public static final String PUBLISHER_OFFSETS = "hubsync.publisher.offsets";

	/**
	 * Where the ingress's webhooks-journal reader keeps its offset, keyed by the journal
	 * it reads (e.g. {@code journal-local:100000}); compacted. Written only after Kafka
	 * acknowledged the events read up to that offset.
	 */
	public static final String JOURNAL_OFFSETS = "hubsync.ingress.journal-offsets";

	/**
	 * Requests to the sync worker that cross services, e.g. a full resynchronisation
	 * after the journal reader fell behind HubSpot's retention; keyed by portal.
	 */
	public static final String SYNC_REQUESTS = "hubsync.sync.requests.v1";

	/** Suffix of the append-only dead-letter topic holding poison records. */
	public static final String DLT_SUFFIX = ".dlt";

	/**
	 * {@link #HUBSPOT_EVENTS}' dead-letter topic, as a constant usable in annotations.
	 */
	public static final String HUBSPOT_EVENTS_DLT = HUBSPOT_EVENTS + DLT_SUFFIX;

	/** {@link #LOCAL_CHANGES}' dead-letter topic, as a constant usable in annotations. */
	public static final String LOCAL_CHANGES_DLT = LOCAL_CHANGES + DLT_SUFFIX;

	private Topics() {
	}

	/**
	 * Returns the dead-letter topic of a topic.
	 * @param topic the input topic
	 * @return {@code topic + ".dlt"}
	 */
	public static String deadLetterOf(String topic) {
		return topic + DLT_SUFFIX;
	}

	/**
	 * Returns the input topic a dead-letter topic belongs to.
	 * @param topic a topic, possibly with the dead-letter suffix
	 * @return the topic without the suffix
	 */
	public static String originOf(String topic) {
		if (topic.endsWith(DLT_SUFFIX)) {
			return topic.substring(0, topic.length() - DLT_SUFFIX.length());
		}
		return topic;
	}

}
