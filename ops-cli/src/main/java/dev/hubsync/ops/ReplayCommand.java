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

	@Option(names = "--since", description = "The last duration: 30s, 15m, 2h, 1d.")
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
			List<ConsumerRecord<byte[], byte[]>> records = read(consumer, starts, stops);
			if (records.isEmpty()) {
				out.printf("Nothing on %s between %s and %s%s.%n", this.topic, range.from(),
						(range.to() != null) ? range.to() : "now", (this.key != null) ? " for key " + this.key : "");
				return 0;
			}
			if (this.dryRun) {
				dryRun(out, records);
				return 0;
			}
			republish(out, records);
			return 0;
		}
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

	private List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer,
			Map<TopicPartition, Long> starts, Map<TopicPartition, Long> stops) {
		List<TopicPartition> pending = new ArrayList<>();
		for (Map.Entry<TopicPartition, Long> start : starts.entrySet()) {
			if (start.getValue() < stops.get(start.getKey())) {
				pending.add(start.getKey());
			}
		}
		Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new TreeMap<>(
				Comparator.comparingInt(TopicPartition::partition));
		if (pending.isEmpty()) {
			return List.of();
		}
		consumer.assign(pending);
		pending.forEach((partition) -> consumer.seek(partition, starts.get(partition)));
		Set<TopicPartition> open = new HashSet<>(pending);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		while (!open.isEmpty()) {
			if (System.nanoTime() > deadline) {
				throw new OpsException("could not read the range within 10 minutes; partitions left: " + open);
			}
			for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				if (record.offset() >= stops.get(partition)) {
					continue;
				}
				if (this.key == null || (record.key() != null
						&& this.key.equals(new String(record.key(), StandardCharsets.UTF_8)))) {
					byPartition.computeIfAbsent(partition, (p) -> new ArrayList<>()).add(record);
				}
			}
			open.removeIf((partition) -> consumer.position(partition) >= stops.get(partition));
		}
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		byPartition.values().forEach(records::addAll);
		return records;
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

	private void dryRun(PrintWriter out, List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
		Map<String, Integer> byType = new TreeMap<>();
		Map<String, List<String>> identitiesByKey = new LinkedHashMap<>();
		Map<String, String> typeByKey = new HashMap<>();
		int undecodable = 0;
		for (ConsumerRecord<byte[], byte[]> record : records) {
			Decoded decoded = decode(record);
			if (decoded == null) {
				undecodable++;
				continue;
			}
			byType.merge(decoded.objectType(), 1, Integer::sum);
			String recordKey = (record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : "-";
			identitiesByKey.computeIfAbsent(recordKey, (k) -> new ArrayList<>()).add(decoded.identity());
			typeByKey.put(recordKey, decoded.objectType());
		}
		Set<String> applied = applied(identitiesByKey.values().stream().flatMap(List::stream).toList());
		out.printf("Dry run of %d event(s) on %s (nothing written)%n%n", records.size(), this.topic);
		out.printf("%-24s %8s%n", "object type", "events");
		byType.forEach((type, count) -> out.printf("%-24s %8d%n", type, count));
		if (undecodable > 0) {
			out.printf("%-24s %8d%n", "(undecodable)", undecodable);
		}
		out.printf("%n%-60s %-14s %6s %8s  %s%n", "key", "object type", "events", "applied", "applying it now");
		identitiesByKey.forEach((recordKey, identities) -> {
			long done = identities.stream().filter(applied::contains).count();
			String effect = (done == identities.size()) ? "changes nothing: every event was applied (identities)"
					: "re-reads the record and writes only what differs from the other side ("
							+ (identities.size() - done) + " not applied yet)";
			out.printf("%-60s %-14s %6d %8d  %s%n", recordKey, typeByKey.get(recordKey), identities.size(), done,
					effect);
		});
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

	private void republish(PrintWriter out, List<ConsumerRecord<byte[], byte[]>> records)
			throws InterruptedException, ExecutionException, TimeoutException {
		String replayedAt = Instant.now().toString();
		Map<String, Integer> byType = new TreeMap<>();
		List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
		try (KafkaProducer<byte[], byte[]> producer = this.connections.producer()) {
			for (ConsumerRecord<byte[], byte[]> record : records) {
				byte[] value = record.value();
				Decoded decoded = decode(record);
				if (this.topic.equals(Topics.HUBSPOT_EVENTS) && decoded != null) {
					HubSpotEvent event = EventSerdes.hubSpotEvents().deserialize(this.topic, value);
					value = EventSerdes.hubSpotEvents().serialize(this.topic, event.asReplay());
				}
				ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(this.topic, record.partition(), record.key(),
						value);
				for (Header header : record.headers()) {
					if (!header.key().equals(EventHeaders.SOURCE) && !header.key().equals(EventHeaders.REPLAYED_AT)) {
						copy.headers().add(header);
					}
				}
				copy.headers()
					.add(EventHeaders.SOURCE, EventSource.REPLAY.wireValue().getBytes(StandardCharsets.UTF_8))
					.add(EventHeaders.REPLAYED_AT, replayedAt.getBytes(StandardCharsets.UTF_8));
				sends.add(producer.send(copy));
				byType.merge((decoded != null) ? decoded.objectType() : "(undecodable)", 1, Integer::sum);
			}
			producer.flush();
			for (Future<RecordMetadata> send : sends) {
				send.get(60, TimeUnit.SECONDS);
			}
		}
		out.printf("Replayed %d event(s) to %s, marked source=replay at %s:%n", records.size(), this.topic, replayedAt);
		byType.forEach((type, count) -> out.printf("  %-22s %d%n", type, count));
	}

	private record Decoded(String objectType, String identity) {
	}

}
