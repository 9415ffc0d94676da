package dev.hubsync.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a topic is created: partitions and the settings that matter to HubSync. Services
 * create the topics they write from these, so every deployment gets the same layout.
 *
 * @param name the topic
 * @param partitions partitions (keys spread over them; order holds per key)
 * @param config topic settings ({@code retention.ms}, {@code cleanup.policy} …)
 */
public record TopicSpec(String name, int partitions, Map<String, String> config) {

	/** Replay window of the HubSpot events topic: at least a week (ARCHITECTURE §2). */
	public static final Duration REPLAY_RETENTION = Duration.ofDays(7);

	/** Retention of dead letters: long enough to fix and re-drive. */
	public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

	/**
	 * The HubSpot events topic: the replay log.
	 * @param partitions partitions
	 * @return the spec
	 */
	public static TopicSpec hubSpotEvents(int partitions) {
		return retained(Topics.HUBSPOT_EVENTS, partitions, REPLAY_RETENTION);
	}

	/**
	 * The local changes topic.
	 * @param partitions partitions
	 * @return the spec
	 */
	public static TopicSpec localChanges(int partitions) {
		return retained(Topics.LOCAL_CHANGES, partitions, REPLAY_RETENTION);
	}

	/**
	 * The mapping topic: compacted, one partition so every version is read in order.
	 * @return the spec
	 */
	public static TopicSpec mappingConfig() {
		return new TopicSpec(Topics.MAPPING_CONFIG, 1,
				Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0"));
	}

	/**
	 * The journal reader's offsets: compacted, one partition.
	 * @return the spec
	 */
	public static TopicSpec journalOffsets() {
		return new TopicSpec(Topics.JOURNAL_OFFSETS, 1, Map.of("cleanup.policy", "compact"));
	}

	/**
	 * The sync requests topic: one partition, kept as long as the replay log.
	 * @return the spec
	 */
	public static TopicSpec syncRequests() {
		return retained(Topics.SYNC_REQUESTS, 1, REPLAY_RETENTION);
	}

	/**
	 * The sync results topic.
	 * @param partitions partitions
	 * @return the spec
	 */
	public static TopicSpec syncResults(int partitions) {
		return retained(Topics.SYNC_RESULTS, partitions, REPLAY_RETENTION);
	}

	/**
	 * The dead-letter topic of an input topic (same partitions, so a re-drive keeps
	 * per-key order). There is no retry topic: a failure that is nobody's record's fault
	 * holds up every record alike and is retried in place with back-off, and a record's
	 * own failure is set aside at once (issue 19).
	 * @param input the input topic's spec
	 * @return the dead-letter topic
	 */
	public static List<TopicSpec> failureTopicsOf(TopicSpec input) {
		return List.of(retained(Topics.deadLetterOf(input.name()), input.partitions(), DEAD_LETTER_RETENTION));
	}

	private static TopicSpec retained(String name, int partitions, Duration retention) {
		return new TopicSpec(name, partitions, Map.of("retention.ms", String.valueOf(retention.toMillis())));
	}

}
