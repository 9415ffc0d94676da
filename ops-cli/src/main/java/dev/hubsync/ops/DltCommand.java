package dev.hubsync.ops;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Dead letters: they stay in their append-only topics; {@code redrive} sends chosen ones
 * back to the topic they came from and records each in {@code hubsync.dlt_redrive}, so
 * nothing is re-driven twice by accident.
 */
@Command(name = "dlt", mixinStandardHelpOptions = true, description = "Dead letters: list, show, re-drive.",
		subcommands = { DltCommand.ListDeadLetters.class, DltCommand.Show.class, DltCommand.Redrive.class })
final class DltCommand {

	static final List<String> TOPICS = List.of(Topics.HUBSPOT_EVENTS_DLT, Topics.LOCAL_CHANGES_DLT);

	/** The filters every subcommand shares. */
	static class Filters {

		@Mixin
		Connections connections;

		@Option(names = "--topic", description = "A dead-letter topic (default: both: ${COMPLETION-CANDIDATES}).",
				completionCandidates = Candidates.class)
		@Nullable String topic;

		@Option(names = "--error", paramLabel = "CLASS",
				description = "Only dead letters whose exception class is this (simple or qualified name).")
		@Nullable String error;

		@Option(names = "--key", description = "Only this record key.")
		@Nullable String key;

		@Spec
		CommandSpec spec;

		List<DeadLetter> read() throws SQLException {
			List<String> topics = (this.topic != null) ? List.of(this.topic) : TOPICS;
			for (String name : topics) {
				if (!TOPICS.contains(name)) {
					throw new OpsException("'" + name + "' is not a dead-letter topic; they are " + TOPICS);
				}
			}
			Map<String, Instant> redriven = redriven();
			List<DeadLetter> found = new ArrayList<>();
			try (KafkaConsumer<byte[], byte[]> consumer = this.connections.consumer()) {
				for (String name : topics) {
					List<PartitionInfo> infos = consumer.partitionsFor(name, Duration.ofSeconds(30));
					if (infos == null || infos.isEmpty()) {
						continue;
					}
					List<TopicPartition> partitions = infos.stream()
						.map((info) -> new TopicPartition(name, info.partition()))
						.toList();
					Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
					consumer.assign(partitions);
					consumer.seekToBeginning(partitions);
					long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
					while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))) {
						if (System.nanoTime() > deadline) {
							throw new OpsException("could not read " + name + " within 5 minutes");
						}
						for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
							DeadLetter letter = DeadLetter.of(record, redriven);
							if (matches(letter)) {
								found.add(letter);
							}
						}
					}
				}
			}
			return found;
		}

		private boolean matches(DeadLetter letter) {
			if (this.key != null && !this.key.equals(letter.key())) {
				return false;
			}
			if (this.error != null) {
				String exception = letter.exception();
				return exception != null && (exception.equals(this.error) || exception.endsWith("." + this.error));
			}
			return true;
		}

		private Map<String, Instant> redriven() throws SQLException {
			Map<String, Instant> redriven = new HashMap<>();
			try (Connection connection = this.connections.database();
					PreparedStatement statement = connection.prepareStatement(
							"SELECT dlt_topic, dlt_partition, dlt_offset, redriven_at FROM hubsync.dlt_redrive");
					ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					redriven.put(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getLong(3),
							rs.getTimestamp(4).toInstant());
				}
			}
			return redriven;
		}

	}

	/** The dead-letter topics, for the help text. */
	static class Candidates extends ArrayList<String> {

		Candidates() {
			super(TOPICS);
		}

	}

	/**
	 * One dead letter.
	 *
	 * @param record the record
	 * @param key its key
	 * @param exception the exception class
	 * @param reason why it was dead-lettered
	 * @param originalTopic where it came from
	 * @param redrivenAt when it was re-driven, if it was
	 */
	record DeadLetter(ConsumerRecord<byte[], byte[]> record, @Nullable String key, @Nullable String exception,
			@Nullable String reason, @Nullable String originalTopic, @Nullable Instant redrivenAt) {

		static DeadLetter of(ConsumerRecord<byte[], byte[]> record, Map<String, Instant> redriven) {
			return new DeadLetter(record,
					(record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null,
					header(record, EventHeaders.DLT_EXCEPTION_FQCN), header(record, EventHeaders.DLT_REASON),
					header(record, EventHeaders.DLT_ORIGINAL_TOPIC), redriven.get(id(record)));
		}

		static String id(ConsumerRecord<?, ?> record) {
			return record.topic() + "/" + record.partition() + "/" + record.offset();
		}

		String simpleException() {
			return (this.exception != null) ? this.exception.substring(this.exception.lastIndexOf('.') + 1) : "-";
		}

	}

	static @Nullable String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static String shorten(@Nullable String text, int length) {
		if (text == null) {
			return "-";
		}
		String line = text.replace('\n', ' ');
		return (line.length() <= length) ? line : line.substring(0, length - 1) + "…";
	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "One line per dead letter.")
	static final class ListDeadLetters extends Filters implements Callable<Integer> {

		@Override
		public Integer call() throws SQLException {
			PrintWriter out = this.spec.commandLine().getOut();
			List<DeadLetter> letters = read();
			out.printf("%-36s %-44s %-28s %-20s %s%n", "dead letter", "key", "error", "re-driven", "reason");
			for (DeadLetter letter : letters) {
				out.printf("%-36s %-44s %-28s %-20s %s%n", DeadLetter.id(letter.record()), shorten(letter.key(), 44),
						shorten(letter.simpleException(), 28),
						(letter.redrivenAt() != null) ? letter.redrivenAt().toString().substring(0, 19) : "no",
						shorten(letter.reason(), 100));
			}
			long waiting = letters.stream().filter((letter) -> letter.redrivenAt() == null).count();
			out.printf("%d dead letter(s), %d not re-driven%n", letters.size(), waiting);
			return 0;
		}

	}

	@Command(name = "show", mixinStandardHelpOptions = true,
			description = "Every header and the payload of the matching dead letters.")
	static final class Show extends Filters implements Callable<Integer> {

		@Override
		public Integer call() throws SQLException {
			PrintWriter out = this.spec.commandLine().getOut();
			List<DeadLetter> letters = read();
			for (DeadLetter letter : letters) {
				ConsumerRecord<byte[], byte[]> record = letter.record();
				out.printf("== %s (key %s, %s)%n", DeadLetter.id(record), letter.key(),
						Instant.ofEpochMilli(record.timestamp()));
				out.printf("re-driven: %s%n", (letter.redrivenAt() != null) ? letter.redrivenAt() : "no");
				for (Header header : record.headers()) {
					if (!header.key().equals(EventHeaders.DLT_EXCEPTION_STACKTRACE)) {
						out.printf("%s: %s%n", header.key(), EventHeaders.display(header.key(), header.value()));
					}
				}
				out.printf("payload: %s%n%n",
						(record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : "(none)");
			}
			out.printf("%d dead letter(s)%n", letters.size());
			return 0;
		}

	}

	@Command(name = "redrive", mixinStandardHelpOptions = true,
			description = "Send matching dead letters back to their original topic, each at most once.")
	static final class Redrive extends Filters implements Callable<Integer> {

		@Option(names = "--dry-run",
				description = "Print what would be re-driven; send nothing (the default" + " without --yes).")
		boolean dryRun;

		@Option(names = "--yes", description = "Act: send the matching dead letters back.")
		boolean yes;

		@Override
		public Integer call() throws Exception {
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.yes && this.dryRun) {
				throw new OpsException("--yes and --dry-run contradict each other");
			}
			this.dryRun = !this.yes;
			out.printf("%s on %s%n", this.dryRun ? "Dry run (add --yes to act)" : "Acting", this.connections.target());
			List<DeadLetter> letters = read();
			int sent = 0;
			int skipped = 0;
			String who = System.getProperty("user.name", "hubsync-ops");
			try (KafkaProducer<byte[], byte[]> producer = this.connections.producer();
					Connection connection = this.connections.database()) {
				for (DeadLetter letter : letters) {
					String target = letter.originalTopic();
					if (letter.redrivenAt() != null) {
						out.printf("skip %s: re-driven at %s already%n", DeadLetter.id(letter.record()),
								letter.redrivenAt());
						skipped++;
						continue;
					}
					if (target == null || !ReplayCommand.REPLAYABLE.contains(target)) {
						out.printf("skip %s: no original topic to send it back to%n", DeadLetter.id(letter.record()));
						skipped++;
						continue;
					}
					if (this.dryRun) {
						out.printf("would re-drive %s to %s%n", DeadLetter.id(letter.record()), target);
						continue;
					}
					connection.setAutoCommit(false);
					if (!claim(connection, letter, target, who)) {
						connection.rollback();
						out.printf("skip %s: re-driven meanwhile by someone else%n", DeadLetter.id(letter.record()));
						skipped++;
						continue;
					}
					RecordMetadata metadata = producer.send(copy(letter, target)).get(60, TimeUnit.SECONDS);
					try (PreparedStatement update = connection.prepareStatement("UPDATE hubsync.dlt_redrive SET"
							+ " target_offset = ? WHERE dlt_topic = ? AND dlt_partition = ? AND dlt_offset = ?")) {
						update.setLong(1, metadata.offset());
						update.setString(2, letter.record().topic());
						update.setInt(3, letter.record().partition());
						update.setLong(4, letter.record().offset());
						update.executeUpdate();
					}
					connection.commit();
					out.printf("re-drove %s to %s-%d@%d%n", DeadLetter.id(letter.record()), target,
							metadata.partition(), metadata.offset());
					sent++;
				}
			}
			out.printf("%d re-driven, %d skipped%s%n", sent, skipped, this.dryRun ? " (dry run)" : "");
			return 0;
		}

		/**
		 * Records the re-drive first, in a transaction committed only after Kafka has the
		 * record: a failed send leaves no row, a second operator blocks on the row.
		 */
		private static boolean claim(Connection connection, DeadLetter letter, String target, String who)
				throws SQLException {
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hubsync.dlt_redrive (dlt_topic,"
					+ " dlt_partition, dlt_offset, record_key, target_topic, redriven_by) VALUES (?, ?, ?, ?, ?, ?)"
					+ " ON CONFLICT DO NOTHING")) {
				insert.setString(1, letter.record().topic());
				insert.setInt(2, letter.record().partition());
				insert.setLong(3, letter.record().offset());
				insert.setString(4, letter.key());
				insert.setString(5, target);
				insert.setString(6, who);
				return insert.executeUpdate() == 1;
			}
		}

		private static ProducerRecord<byte[], byte[]> copy(DeadLetter letter, String target) {
			ConsumerRecord<byte[], byte[]> record = letter.record();
			ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(target, record.key(), record.value());
			Set<String> dropped = Set.of(EventHeaders.SOURCE, EventHeaders.REPLAYED_AT);
			for (Header header : record.headers()) {
				// the dead-letter headers stay out: the event goes back as it first came
				if (!header.key().startsWith("kafka_dlt-") && !header.key().equals(EventHeaders.DLT_REASON)
						&& !dropped.contains(header.key())) {
					copy.headers().add(header);
				}
			}
			copy.headers()
				.add(EventHeaders.SOURCE, EventSource.REPLAY.wireValue().getBytes(StandardCharsets.UTF_8))
				.add(EventHeaders.REPLAYED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
			return copy;
		}

	}

}
