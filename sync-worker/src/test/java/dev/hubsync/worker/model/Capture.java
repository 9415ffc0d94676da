package dev.hubsync.worker.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.local.SyncOrigin;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.worker.support.Changes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's change capture for a model run, from the database's own logical decoding:
 * a replication slot with PostgreSQL's {@code test_decoding} plugin, read in commit
 * order. It publishes what the outbound publisher publishes from Debezium — an initial
 * snapshot of the rows, then each committed change of {@code public.leads},
 * {@code public.tasks} and {@code public.tickets} with its whole old row
 * ({@code REPLICA IDENTITY FULL}), its commit time in milliseconds, and the sync-origin
 * mark of a transaction that carried the sync's logical message — and duplicates or
 * replays some of them, as a publisher restart does. The sync worker's own writes are
 * captured like any other, so echo suppression is exercised as deployed.
 */
final class Capture implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Capture.class);

	private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
		.appendPattern("yyyy-MM-dd HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
		.optionalEnd()
		.appendOffset("+HH:mm", "+00")
		.toFormatter();

	/** The captured tables, as the demo mapping names them. */
	private static final List<String> TABLES = List.of("leads", "tasks", "tickets");

	/** How often the slot is read, as Debezium polls its stream. */
	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private final DemoDatabase database;

	private final String slot;

	private final Connection connection;

	private final KafkaProducer<String, byte[]> producer;

	private final History.Faults faults;

	private final Random random;

	private final List<ProducerRecord<String, byte[]>> replays = new ArrayList<>();

	private final Map<Long, Instant> commits = new ConcurrentHashMap<>();

	private final ScheduledExecutorService reader;

	private volatile boolean running = true;

	private volatile @Nullable Exception failure;

	private Capture(DemoDatabase database, History.Faults faults, long seed) throws SQLException {
		this.database = database;
		this.slot = SharedInfra.uniqueName("model");
		this.faults = faults;
		this.random = new Random(seed);
		this.connection = SharedInfra.postgres().connectAsSuperuser(database.database());
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("SET TimeZone = 'UTC'");
			statement.execute("SET DateStyle = 'ISO'");
			for (String table : TABLES) {
				statement.execute("ALTER TABLE public." + table + " REPLICA IDENTITY FULL");
			}
			statement.execute("SELECT pg_create_logical_replication_slot('" + this.slot + "', 'test_decoding')");
		}
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfra.kafka().bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
				new ByteArraySerializer());
		this.reader = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "model-capture");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts capturing: a snapshot of the rows there are now, then their changes.
	 * @param database the product's database
	 * @param faults how deliveries fail
	 * @param seed the seed of the fault decisions
	 * @return the running capture
	 * @throws SQLException when the database refuses
	 */
	static Capture start(DemoDatabase database, History.Faults faults, long seed) throws SQLException {
		Capture capture = new Capture(database, faults, seed);
		capture.snapshot();
		capture.reader.scheduleWithFixedDelay(capture::readQuietly, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		return capture;
	}

	private void snapshot() throws SQLException {
		Changes images = new Changes(new dev.hubsync.worker.support.Sql(this.database));
		try {
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			for (String table : TABLES) {
				List<String> keys = new ArrayList<>();
				try (Statement statement = this.connection.createStatement();
						ResultSet rs = statement.executeQuery("SELECT id::text FROM public." + table)) {
					while (rs.next()) {
						keys.add(rs.getString(1));
					}
				}
				for (String key : keys) {
					send(Changes.record(new LocalChange(table, key, ChangeOp.SNAPSHOT, null, images.image(table, key),
							0, 0, now, false, null)), false);
				}
			}
			this.producer.flush();
		}
		finally {
			images.close();
		}
	}

	private void readQuietly() {
		if (this.failure != null) {
			return;
		}
		try {
			read();
		}
		catch (SQLException | RuntimeException ex) {
			if (this.running) {
				logger.warn("Change capture failed: {}", ex.toString());
				this.failure = ex;
			}
		}
	}

	/**
	 * Reads and publishes what was committed since the last read, and what is due for a
	 * replay.
	 * @return the changes read
	 * @throws SQLException when the database refuses
	 */
	synchronized int read() throws SQLException {
		List<ProducerRecord<String, byte[]>> due = new ArrayList<>(this.replays);
		this.replays.clear();
		int read = 0;
		List<String[]> transaction = new ArrayList<>();
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT lsn::text, xid::text, data FROM"
				+ " pg_logical_slot_get_changes(?, NULL, 1000, 'include-xids', '1', 'include-timestamp', '1')")) {
			statement.setString(1, this.slot);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					String[] line = { rs.getString(1), rs.getString(2), rs.getString(3) };
					transaction.add(line);
					if (line[2].startsWith("COMMIT")) {
						read += publish(transaction);
						transaction.clear();
					}
				}
			}
		}
		for (ProducerRecord<String, byte[]> replay : due) {
			send(replay, true);
		}
		this.producer.flush();
		return read + due.size();
	}

	/**
	 * Tells whether everything committed has been published: nothing left in the slot and
	 * no replay pending.
	 * @return whether the capture is quiet
	 * @throws SQLException when the database refuses
	 */
	boolean quiet() throws SQLException {
		Exception failed = this.failure;
		if (failed != null) {
			throw new IllegalStateException("the change capture failed", failed);
		}
		return read() == 0;
	}

	/**
	 * Returns a transaction's commit time, once captured.
	 * @param xid the transaction id
	 * @return the commit time, or null
	 */
	@Nullable Instant commitTime(long xid) {
		return this.commits.get(xid);
	}

	private int publish(List<String[]> transaction) {
		String commit = transaction.get(transaction.size() - 1)[2];
		long xid = Long.parseLong(transaction.get(0)[1]);
		int at = commit.indexOf("(at ");
		Instant committed = OffsetDateTime.parse(commit.substring(at + 4, commit.length() - 1), TIMESTAMP).toInstant();
		this.commits.put(xid, committed);
		String correlation = null;
		for (String[] line : transaction) {
			if (line[2].startsWith("message:") && line[2].contains("prefix: " + SyncOrigin.MESSAGE_PREFIX + ",")) {
				correlation = line[2].substring(line[2].indexOf("content:") + "content:".length());
			}
		}
		int published = 0;
		for (String[] line : transaction) {
			String table = TABLES.stream()
				.filter((name) -> line[2].startsWith("table public." + name + ": "))
				.findFirst()
				.orElse(null);
			if (table == null) {
				continue;
			}
			String body = line[2].substring(("table public." + table + ": ").length());
			String op = body.substring(0, body.indexOf(':'));
			String tuples = body.substring(op.length() + 2);
			Row before = null;
			Row after;
			if (tuples.startsWith("old-key: ")) {
				int split = tuples.indexOf(" new-tuple: ");
				before = row(tuples.substring("old-key: ".length(), split));
				after = row(tuples.substring(split + " new-tuple: ".length()));
			}
			else {
				after = row(tuples);
			}
			ChangeOp changeOp = switch (op) {
				case "INSERT" -> ChangeOp.CREATE;
				case "UPDATE" -> ChangeOp.UPDATE;
				case "DELETE" -> ChangeOp.DELETE;
				default -> throw new IllegalStateException("unexpected change " + line[2]);
			};
			if (before != null && after != null) {
				// test_decoding leaves null columns out of the old row; with REPLICA
				// IDENTITY FULL a column missing there was null (Debezium keeps it)
				Row old = before;
				Row.Builder full = Row.builder();
				after.types()
					.forEach((column, type) -> full.put(column, old.has(column) ? old.types().get(column) : type,
							old.has(column) ? old.get(column) : null));
				before = full.build();
			}
			if (changeOp == ChangeOp.DELETE) {
				before = after;
				after = null;
			}
			Row image = (after != null) ? after : before;
			String key = String.valueOf(image.get("id"));
			send(Changes.record(new LocalChange(table, key, changeOp, before, after, xid, lsn(line[0]),
					committed.truncatedTo(ChronoUnit.MILLIS), correlation != null, correlation)), true);
			published++;
		}
		return published;
	}

	private void send(ProducerRecord<String, byte[]> record, boolean faulty) {
		this.producer.send(record);
		if (!faulty) {
			return;
		}
		if (this.random.nextDouble() < this.faults.changeDuplicate()) {
			this.producer.send(record);
		}
		if (this.random.nextDouble() < this.faults.changeReplay()) {
			this.replays.add(new ProducerRecord<>(record.topic(), record.key(), record.value()));
		}
	}

	private static long lsn(String text) {
		int slash = text.indexOf('/');
		return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
	}

	/**
	 * Parses {@code test_decoding}'s tuple: {@code name[type]:value} separated by spaces,
	 * a value {@code null}, quoted with doubled inner quotes, or bare.
	 */
	private static Row row(String tuple) {
		Row.Builder builder = Row.builder();
		int i = 0;
		while (i < tuple.length()) {
			int open = tuple.indexOf('[', i);
			String column = tuple.substring(i, open);
			int close = tuple.indexOf("]:", open);
			String type = tuple.substring(open + 1, close);
			i = close + 2;
			String value;
			if (tuple.charAt(i) == '\'') {
				StringBuilder text = new StringBuilder();
				i++;
				while (true) {
					char c = tuple.charAt(i);
					if (c == '\'') {
						if (i + 1 < tuple.length() && tuple.charAt(i + 1) == '\'') {
							text.append('\'');
							i += 2;
							continue;
						}
						i++;
						break;
					}
					text.append(c);
					i++;
				}
				value = text.toString();
			}
			else {
				int end = tuple.indexOf(' ', i);
				end = (end < 0) ? tuple.length() : end;
				value = tuple.substring(i, end);
				i = end;
				if (value.equals("null")) {
					value = null;
				}
			}
			put(builder, column, type, value);
			while (i < tuple.length() && tuple.charAt(i) == ' ') {
				i++;
			}
		}
		return builder.build();
	}

	private static void put(Row.Builder builder, String column, String type, @Nullable String value) {
		switch (type) {
			case "uuid" -> builder.put(column, ColumnType.UUID, (value != null) ? UUID.fromString(value) : null);
			case "timestamp with time zone" -> builder.put(column, ColumnType.TIMESTAMPTZ,
					(value != null) ? OffsetDateTime.parse(value, TIMESTAMP).toInstant() : null);
			case "text" -> builder.put(column, ColumnType.TEXT, value);
			default -> throw new IllegalStateException("unexpected column type " + type + " of " + column);
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.reader.shutdown();
		try {
			this.reader.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("SELECT pg_drop_replication_slot('" + this.slot + "')");
		}
		catch (SQLException ex) {
			logger.warn("Could not drop slot {}: {}", this.slot, ex.toString());
		}
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Closing: {}", ex.toString());
		}
		this.producer.close();
	}

}
