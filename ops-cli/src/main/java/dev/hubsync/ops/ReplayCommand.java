package dev.hubsync.ops;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.serde.EventSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Re-publishes a time range of {@value Topics#HUBSPOT_EVENTS} or
 * {@value Topics#LOCAL_CHANGES} to the same topic, marked as replay with the identity
 * kept, in offset order per partition; or resets a stopped consumer group to the start of
 * the range. Safe by design: identities drop what was applied, events are triggers for
 * the current state, and high-water marks drop what is older.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
		description = "Re-publish a time range of an event topic (marked as replay), or reset a stopped consumer"
				+ " group to a time.")
final class ReplayCommand implements Callable<Integer> {

	static final Set<String> REPLAYABLE = Set.of(Topics.HUBSPOT_EVENTS, Topics.LOCAL_CHANGES);

	@Spec
	CommandSpec spec;

	@Mixin
	Connections connections;

	@Option(names = "--topic", required = true,
			description = "hubsync.hubspot.events.v1 or hubsync.local.changes.v1 (no other topic can be replayed).")
	String topic;

	@Option(names = "--since", description = "The last duration: 30s, 15m, 2h, 1d, PT15M.")
	@Nullable String since;

	@Option(names = "--from", description = "Start, ISO-8601 with a zone (2026-11-20T08:00:00Z).")
	@Nullable String from;

	@Option(names = "--to", description = "End (exclusive), ISO-8601 with a zone; default now.")
	@Nullable String to;

	@Option(names = "--key",
			description = "Only this record key, exactly as common-events builds it"
					+ " (e.g. 100000:0-1:123 or leads:3f2c…).")
	@Nullable String key;

	@Option(names = "--dry-run",
			description = "Print what the range holds and what applying it would change; write nothing (the"
					+ " default without --yes).")
	boolean dryRun;

	@Option(names = "--yes", description = "Act: re-publish the range, or move the group's offsets.")
	boolean yes;

	@Option(names = "--reset-group", paramLabel = "GROUP",
			description = "Instead of re-publishing, move this consumer group's offsets on the topic to the start of"
					+ " the range; the group must have no running consumer.")
	@Nullable String resetGroup;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		if (!REPLAYABLE.contains(this.topic)) {
			throw new OpsException("only " + Topics.HUBSPOT_EVENTS + " and " + Topics.LOCAL_CHANGES
					+ " can be replayed, not '" + this.topic + "'");
		}
		if (this.yes && this.dryRun) {
			throw new OpsException("--yes and --dry-run contradict each other");
		}
		this.dryRun = !this.yes;
		out.printf("%s on %s%n", this.dryRun ? "Dry run (add --yes to act)" : "Acting", this.connections.target());
		TimeRange range = TimeRange.of(this.since, this.from, this.to, Instant.now());
		try (KafkaConsumer<byte[], byte[]> consumer = this.connections.consumer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(this.topic, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.sorted(Comparator.comparingInt(TopicPartition::partition))
				.toList();
			if (partitions.isEmpty()) {
				throw new OpsException("topic " + this.topic + " does not exist");
			}
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			Map<TopicPartition, Long> starts = offsets(consumer, partitions, range.from(), ends);
			Map<TopicPartition, Long> stops = (range.to() != null) ? offsets(consumer, partitions, range.to(), ends)
					: ends;
			if (this.resetGroup != null) {
				return reset(out, starts, range);
			}
			// streamed: a range of millions of events is never held in memory
			if (this.dryRun) {
				DryRun dryRun = new DryRun();
				long read = read(consumer, starts, stops, dryRun::add);
				if (read == 0) {
					nothing(out, range);
					return 0;
				}
				dryRun.print(out);
				return 0;
			}
			try (Republisher republisher = new Republisher()) {
				long read = read(consumer, starts, stops, republisher::send);
				if (read == 0) {
					nothing(out, range);
					return 0;
				}
				republisher.print(out);
			}
			return 0;
		}
	}

	private void nothing(PrintWriter out, TimeRange range) {
		out.printf("Nothing on %s between %s and %s%s.%n", this.topic, range.from(),
				(range.to() != null) ? range.to() : "now", (this.key != null) ? " for key " + this.key : "");
	}

	private static Map<TopicPartition, Long> offsets(KafkaConsumer<byte[], byte[]> consumer,
			List<TopicPartition> partitions, Instant time, Map<TopicPartition, Long> ends) {
		Map<TopicPartition, Long> query = new HashMap<>();
		partitions.forEach((partition) -> query.put(partition, time.toEpochMilli()));
		Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
		Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
		for (TopicPartition partition : partitions) {
			OffsetAndTimestamp offset = found.get(partition);
			offsets.put(partition, (offset != null) ? offset.offset() : ends.get(partition));
		}
		return offsets;
	}

	/**
	 * Reads the range partition by partition in offset order, handing each record (of the
	 * key asked for) to the sink as it arrives.
	 * @return how many records the sink got
	 */
	private long read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> starts,
			Map<TopicPartition, Long> stops, RecordSink sink) throws Exception {
		List<TopicPartition> pending = new ArrayList<>();
		for (Map.Entry<TopicPartition, Long> start : starts.entrySet()) {
			if (start.getValue() < stops.get(start.getKey())) {
				pending.add(start.getKey());
			}
		}
		long count = 0;
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		for (TopicPartition partition : pending) {
			consumer.assign(List.of(partition));
			consumer.seek(partition, starts.get(partition));
			while (consumer.position(partition) < stops.get(partition)) {
				if (System.nanoTime() > deadline) {
					throw new OpsException("could not read the range within 10 minutes; stopped in " + partition);
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.offset() >= stops.get(partition)) {
						continue;
					}
					if (this.key == null || (record.key() != null
							&& this.key.equals(new String(record.key(), StandardCharsets.UTF_8)))) {
						sink.accept(record);
						count++;
					}
				}
			}
		}
		return count;
	}

	/** Takes the records of a range one by one. */
	@FunctionalInterface
	private interface RecordSink {

		void accept(ConsumerRecord<byte[], byte[]> record) throws Exception;

	}

	private int reset(PrintWriter out, Map<TopicPartition, Long> starts, TimeRange range) throws Exception {
		try (Admin admin = this.connections.admin()) {
			ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(this.resetGroup))
				.describedGroups()
				.get(this.resetGroup)
				.get(30, TimeUnit.SECONDS);
			if (!group.members().isEmpty()
					|| !(group.groupState() == GroupState.EMPTY || group.groupState() == GroupState.DEAD)) {
				throw new OpsException("consumer group " + this.resetGroup + " has " + group.members().size()
						+ " running consumer(s) (state " + group.groupState() + "): stop them first (pause is not"
						+ " enough), then reset");
			}
			Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
			starts.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
			for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
				out.printf("%s-%d -> offset %d%n", entry.getKey().topic(), entry.getKey().partition(),
						entry.getValue().offset());
			}
			if (this.dryRun) {
				out.printf("Dry run: group %s not changed.%n", this.resetGroup);
				return 0;
			}
			admin.alterConsumerGroupOffsets(this.resetGroup, offsets).all().get(30, TimeUnit.SECONDS);
			out.printf("Group %s reset to %s on %s; its consumers start there when they come back.%n", this.resetGroup,
					range.from(), this.topic);
			return 0;
		}
	}

	/**
	 * What applying the range would change, counted per key as the records stream by:
	 * identities are checked against {@code hubsync.processed_event} a thousand at a
	 * time, so memory grows with the keys, not the events.
	 */
	private final class DryRun {

		private final Map<String, Integer> byType = new TreeMap<>();

		private final Map<String, long[]> byKey = new LinkedHashMap<>();

		private final Map<String, String> typeByKey = new HashMap<>();

		private final Map<String, String> pending = new LinkedHashMap<>();

		private long events;

		private int undecodable;

		void add(ConsumerRecord<byte[], byte[]> record) throws SQLException {
			this.events++;
			Decoded decoded = decode(record);
			if (decoded == null) {
				this.undecodable++;
				return;
			}
			this.byType.merge(decoded.objectType(), 1, Integer::sum);
			String recordKey = (record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : "-";
			this.byKey.computeIfAbsent(recordKey, (k) -> new long[2])[0]++;
			this.typeByKey.put(recordKey, decoded.objectType());
			this.pending.put(decoded.identity(), recordKey);
			if (this.pending.size() >= 1000) {
				check();
			}
		}

		private void check() throws SQLException {
			if (this.pending.isEmpty()) {
				return;
			}
			for (String identity : applied(List.copyOf(this.pending.keySet()))) {
				this.byKey.get(this.pending.get(identity))[1]++;
			}
			this.pending.clear();
		}

		void print(PrintWriter out) throws SQLException {
			check();
			out.printf("Dry run of %d event(s) on %s (nothing written)%n%n", this.events, ReplayCommand.this.topic);
			out.printf("%-24s %8s%n", "object type", "events");
			this.byType.forEach((type, count) -> out.printf("%-24s %8d%n", type, count));
			if (this.undecodable > 0) {
				out.printf("%-24s %8d%n", "(undecodable)", this.undecodable);
			}
			out.printf("%n%-60s %-14s %6s %8s  %s%n", "key", "object type", "events", "applied", "applying it now");
			this.byKey.forEach((recordKey, counts) -> {
				String effect = (counts[1] == counts[0]) ? "changes nothing: every event was applied (identities)"
						: "re-reads the record and writes only what differs from the other side ("
								+ (counts[0] - counts[1]) + " not applied yet)";
				out.printf("%-60s %-14s %6d %8d  %s%n", recordKey, this.typeByKey.get(recordKey), counts[0], counts[1],
						effect);
			});
		}

	}

	private Set<String> applied(List<String> identities) throws SQLException {
		Set<String> applied = new HashSet<>();
		try (Connection connection = this.connections.database();
				PreparedStatement statement = connection
					.prepareStatement("SELECT identity FROM hubsync.processed_event WHERE identity = ANY(?)")) {
			Array array = connection.createArrayOf("text", identities.toArray());
			statement.setArray(1, array);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					applied.add(rs.getString(1));
				}
			}
		}
		return applied;
	}

	private @Nullable Decoded decode(ConsumerRecord<byte[], byte[]> record) {
		try {
			if (this.topic.equals(Topics.HUBSPOT_EVENTS)) {
				HubSpotEvent event = EventSerdes.hubSpotEvents().deserialize(this.topic, record.value());
				return (event != null) ? new Decoded(ObjectTypes.pathName(event.event().key().objectTypeId()),
						event.identity().value()) : null;
			}
			LocalChange change = EventSerdes.localChanges().deserialize(this.topic, record.value());
			return (change != null) ? new Decoded(change.table(), change.identity().value()) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Re-publishes records as they are read, marked as a replay; at most a thousand sends
	 * are in flight before their acknowledgements are awaited.
	 */
	private final class Republisher implements AutoCloseable {

		private final String replayedAt = Instant.now().toString();

		private final Map<String, Integer> byType = new TreeMap<>();

		private final List<Future<RecordMetadata>> sends = new ArrayList<>();

		private final KafkaProducer<byte[], byte[]> producer = ReplayCommand.this.connections.producer();

		private long sent;

		void send(ConsumerRecord<byte[], byte[]> record)
				throws InterruptedException, ExecutionException, TimeoutException {
			String topic = ReplayCommand.this.topic;
			byte[] value = record.value();
			Decoded decoded = decode(record);
			if (topic.equals(Topics.HUBSPOT_EVENTS) && decoded != null) {
				HubSpotEvent event = EventSerdes.hubSpotEvents().deserialize(topic, value);
				value = EventSerdes.hubSpotEvents().serialize(topic, event.asReplay());
			}
			ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(topic, record.partition(), record.key(), value);
			for (Header header : record.headers()) {
				if (!header.key().equals(EventHeaders.SOURCE) && !header.key().equals(EventHeaders.REPLAYED_AT)) {
					copy.headers().add(header);
				}
			}
			copy.headers()
				.add(EventHeaders.SOURCE, EventSource.REPLAY.wireValue().getBytes(StandardCharsets.UTF_8))
				.add(EventHeaders.REPLAYED_AT, this.replayedAt.getBytes(StandardCharsets.UTF_8));
			this.sends.add(this.producer.send(copy));
			this.sent++;
			this.byType.merge((decoded != null) ? decoded.objectType() : "(undecodable)", 1, Integer::sum);
			if (this.sends.size() >= 1000) {
				awaitSends();
			}
		}

		private void awaitSends() throws InterruptedException, ExecutionException, TimeoutException {
			this.producer.flush();
			for (Future<RecordMetadata> send : this.sends) {
				send.get(60, TimeUnit.SECONDS);
			}
			this.sends.clear();
		}

		void print(PrintWriter out) throws InterruptedException, ExecutionException, TimeoutException {
			awaitSends();
			out.printf("Replayed %d event(s) to %s, marked source=replay at %s:%n", this.sent, ReplayCommand.this.topic,
					this.replayedAt);
			this.byType.forEach((type, count) -> out.printf("  %-22s %d%n", type, count));
		}

		@Override
		public void close() {
			this.producer.close();
		}

	}

	private record Decoded(String objectType, String identity) {
	}

}
