package dev.hubsync.chaos.check;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import dev.hubsync.chaos.workload.ObjectKind;
import dev.hubsync.chaos.workload.PlatformWriter;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.associations.AssociatedObject;
import dev.hubsync.hubspot.associations.AssociationBatches;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.PropertyHistory;
import dev.hubsync.hubspot.objects.ReadOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads both sides and the sync's own state into a {@link Snapshot}: the platform with
 * SQL, HubSpot through its API as a user, dead letters from their topics.
 */
public final class SnapshotReader {

	/** HubSpot's list of the records merged into a record. */
	private static final String MERGED_IDS = "hs_merged_object_ids";

	private static final List<String> DEAD_LETTER_TOPICS = List.of(Topics.HUBSPOT_EVENTS_DLT, Topics.LOCAL_CHANGES_DLT);

	private final PlatformWriter platform;

	private final HubSpotClient hubspot;

	private final String bootstrapServers;

	/**
	 * Creates a reader.
	 * @param platform the platform's connections
	 * @param hubspot a user's HubSpot client
	 * @param bootstrapServers Kafka
	 */
	public SnapshotReader(PlatformWriter platform, HubSpotClient hubspot, String bootstrapServers) {
		this.platform = platform;
		this.hubspot = hubspot;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Reads everything.
	 * @param histories whether to read HubSpot's property histories (to find writes that
	 * changed nothing); slower
	 * @return the snapshot
	 * @throws SQLException when the platform cannot be read
	 */
	public Snapshot read(boolean histories) throws SQLException {
		Instant at = Instant.now();
		Map<String, Snapshot.Row> rows = new LinkedHashMap<>();
		List<Snapshot.LinkRow> links = new ArrayList<>();
		List<Snapshot.Review> reviews = new ArrayList<>();
		long parked;
		try (Connection connection = this.platform.connect()) {
			readRows(connection, ObjectKind.CONTACT, rows);
			readRows(connection, ObjectKind.COMPANY, rows);
			// a row's first link: a link made again for it (a platform restore re-creates
			// the record, and the link names the new one) keeps the first one's time,
			// which its sync log still has
			query(connection,
					"SELECT object_type_id, hubspot_id::text, platform_key, archived, least(created_at, (SELECT"
							+ " min(s.at) FROM hubsync.sync_log s WHERE s.object_type_id = l.object_type_id AND"
							+ " s.platform_key = l.platform_key AND s.outcome IN ('linked', 'created')))"
							+ " FROM hubsync.link l",
					(rs) -> links.add(new Snapshot.LinkRow(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getBoolean(4), rs.getTimestamp(5).toInstant())));
			query(connection,
					"SELECT kind, object_type_id, platform_key, hubspot_id::text, field, detail FROM hubsync.review"
							+ " WHERE resolved_at IS NULL",
					(rs) -> reviews.add(new Snapshot.Review(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getString(4), rs.getString(5), rs.getString(6))));
			long[] count = new long[1];
			query(connection, "SELECT count(*) FROM hubsync.parked_event", (rs) -> count[0] = rs.getLong(1));
			parked = count[0];
		}
		Map<String, Snapshot.HubSpotRecord> records = new LinkedHashMap<>();
		for (ObjectKind kind : ObjectKind.values()) {
			readRecords(kind, false, histories, records);
			readRecords(kind, true, false, records);
		}
		return new Snapshot(rows, records, links, parked, reviews, deadLetters(), at);
	}

	private static void readRows(Connection connection, ObjectKind kind, Map<String, Snapshot.Row> rows)
			throws SQLException {
		List<String> properties = new ArrayList<>(kind.columns().keySet());
		StringBuilder sql = new StringBuilder("SELECT id::text, deleted_at IS NOT NULL");
		sql.append((kind == ObjectKind.CONTACT) ? ", company_id::text" : ", NULL");
		properties.forEach((property) -> sql.append(", ").append(kind.columns().get(property)));
		sql.append(" FROM ").append(kind.table());
		query(connection, sql.toString(), (rs) -> {
			Map<String, @Nullable String> values = new HashMap<>();
			for (int i = 0; i < properties.size(); i++) {
				values.put(properties.get(i), canonical(properties.get(i), rs.getString(4 + i)));
			}
			rows.put(rs.getString(1),
					new Snapshot.Row(kind, rs.getString(1), values, rs.getString(3), rs.getBoolean(2)));
		});
	}

	private void readRecords(ObjectKind kind, boolean archived, boolean histories,
			Map<String, Snapshot.HubSpotRecord> records) {
		List<String> properties = new ArrayList<>(kind.columns().keySet());
		String modified = (kind == ObjectKind.CONTACT) ? "lastmodifieddate" : "hs_lastmodifieddate";
		List<String> withHistory = new ArrayList<>();
		if (histories) {
			withHistory.addAll(properties);
			// every property HubSync writes, mapped or its own: a write that moved none
			// of them
			// changed nothing
			withHistory.addAll(List.of(modified, "hubsync_record_id", "hubsync_source_system"));
			if (kind == ObjectKind.CONTACT) {
				withHistory.addAll(List.of("lifecyclestage", "hs_additional_emails"));
			}
		}
		List<String> read = new ArrayList<>(properties);
		read.add(MERGED_IDS);
		List<HubSpotObject> objects;
		try (Stream<HubSpotObject> all = this.hubspot.objects()
			.listAll(kind.hubspotType(), new ReadOptions(read, withHistory, archived))) {
			objects = all.toList();
		}
		Map<String, String> companies = (kind == ObjectKind.CONTACT && !archived)
				? primaryCompanies(objects.stream().map(HubSpotObject::id).toList()) : Map.of();
		for (HubSpotObject object : objects) {
			Map<String, @Nullable String> values = new HashMap<>();
			properties.forEach((property) -> values.put(property, canonical(property, object.property(property))));
			records.put(Snapshot.recordKey(kind, object.id()),
					new Snapshot.HubSpotRecord(kind, object.id(), values, companies.get(object.id()), archived,
							histories ? emptyWrites(object, modified) : List.of(),
							mergedIds(object.property(MERGED_IDS))));
		}
	}

	private static List<String> mergedIds(@Nullable String property) {
		if (property == null || property.isBlank()) {
			return List.of();
		}
		return java.util.Arrays.stream(property.split(";")).map(String::trim).filter((id) -> !id.isEmpty()).toList();
	}

	/**
	 * Counts HubSync's writes that moved only the last-modified time: the emulator, as
	 * HubSpot, keeps no history entry for a property set to the value it had.
	 */
	private static List<Instant> emptyWrites(HubSpotObject object, String modified) {
		Map<String, List<PropertyHistory>> history = object.propertiesWithHistory();
		if (history == null || history.get(modified) == null) {
			return List.of();
		}
		List<Instant> empty = new ArrayList<>();
		for (PropertyHistory touch : history.get(modified)) {
			if (!"INTEGRATION".equals(touch.sourceType())) {
				continue;
			}
			boolean changedSomething = history.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().equals(modified))
				.flatMap((entry) -> entry.getValue().stream())
				.anyMatch((entry) -> entry.timestamp().equals(touch.timestamp()));
			if (!changedSomething) {
				empty.add(touch.timestamp());
			}
		}
		return empty;
	}

	private Map<String, String> primaryCompanies(List<String> contacts) {
		Map<String, String> primary = new HashMap<>();
		for (int from = 0; from < contacts.size(); from += 100) {
			AssociationBatches.ReadResult result = this.hubspot.associations()
				.batchRead("contacts", "companies", contacts.subList(from, Math.min(contacts.size(), from + 100)));
			for (AssociationBatches.Item item : result.results()) {
				for (AssociatedObject to : item.to()) {
					if (to.hasType(1)) {
						primary.put(item.from().id(), to.toObjectId());
					}
				}
			}
		}
		return primary;
	}

	private List<Snapshot.DeadLetter> deadLetters() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		List<Snapshot.DeadLetter> letters = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : DEAD_LETTER_TOPICS) {
				List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
				if (infos != null) {
					infos.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
				}
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))
					&& System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					letters.add(new Snapshot.DeadLetter(record.topic(), record.key(), reason(record)));
				}
			}
		}
		return letters;
	}

	private static String reason(ConsumerRecord<String, byte[]> record) {
		for (String name : List.of(EventHeaders.DLT_REASON, EventHeaders.DLT_EXCEPTION_MESSAGE)) {
			Header header = record.headers().lastHeader(name);
			if (header != null) {
				return new String(header.value(), StandardCharsets.UTF_8);
			}
		}
		return "(no reason header)";
	}

	/**
	 * A value in HubSpot's form, for comparison: trimmed, empty as {@code null}, emails
	 * and domains in lower case.
	 * @param property the property
	 * @param value the value
	 * @return the canonical value
	 */
	static @Nullable String canonical(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		return ("email".equals(property) || "domain".equals(property)) ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
	}

	private interface RowConsumer {

		void accept(ResultSet rs) throws SQLException;

	}

	private static void query(Connection connection, String sql, RowConsumer consumer) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				consumer.accept(rs);
			}
		}
	}

	/**
	 * Reads the sync log of one record, for a violation's report.
	 * @param objectTypeId the object type id
	 * @param platformKey its platform key, or {@code null}
	 * @param hubspotId its HubSpot id, or {@code null}
	 * @param limit at most this many lines, newest last
	 * @return the lines
	 */
	public List<String> syncLog(String objectTypeId, @Nullable String platformKey, @Nullable String hubspotId,
			int limit) {
		List<String> lines = new ArrayList<>();
		String sql = "SELECT * FROM (SELECT id, at, direction, outcome, field, platform_value, hubspot_value, winner,"
				+ " detail, platform_key, hubspot_id FROM hubsync.sync_log WHERE object_type_id = ? AND"
				+ " (platform_key = ? OR hubspot_id = ?::bigint) ORDER BY id DESC LIMIT ?) s ORDER BY id";
		try (Connection connection = this.platform.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, objectTypeId);
			statement.setString(2, (platformKey != null) ? platformKey : "");
			statement.setString(3, (hubspotId != null) ? hubspotId : "-1");
			statement.setInt(4, limit);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					lines.add(String.format("%s %-8s %-10s %-10s platform=%s hubspot=%s winner=%s key=%s id=%s %s",
							rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
							rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(10), rs.getString(11),
							(rs.getString(9) != null) ? rs.getString(9) : ""));
				}
			}
		}
		catch (SQLException ex) {
			lines.add("(sync log unreadable: " + ex.getMessage() + ")");
		}
		lines.addAll(state(objectTypeId, platformKey, hubspotId));
		return lines;
	}

	/**
	 * The sync's own state of a record after the run, for diagnosis: its links (with the
	 * last-synced values, kept product times and HubSpot history accounted for), the
	 * associations waiting in either direction, and its open reviews.
	 */
	private List<String> state(String objectTypeId, @Nullable String platformKey, @Nullable String hubspotId) {
		List<String> lines = new ArrayList<>();
		String key = (platformKey != null) ? platformKey : "";
		long id = (hubspotId != null && hubspotId.chars().allMatch(Character::isDigit)) ? Long.parseLong(hubspotId)
				: -1;
		// each query's parameters: the object type, then the row's key and/or the
		// record's id
		Map<String, String> byKeyOrId = new LinkedHashMap<>();
		byKeyOrId.put("link",
				"SELECT hubspot_id, platform_key, archived, synced_values::text,"
						+ " platform_changed_at::text, hubspot_seen_at::text, hubspot_modified_at FROM hubsync.link"
						+ " WHERE object_type_id = ? AND (platform_key = ? OR hubspot_id = ?)");
		byKeyOrId.put("open review", "SELECT kind, field, platform_value, hubspot_value, detail FROM hubsync.review"
				+ " WHERE object_type_id = ? AND (platform_key = ? OR hubspot_id = ?) AND resolved_at IS NULL");
		try (Connection connection = this.platform.connect()) {
			for (Map.Entry<String, String> query : byKeyOrId.entrySet()) {
				try (PreparedStatement statement = connection.prepareStatement(query.getValue())) {
					statement.setString(1, objectTypeId);
					statement.setString(2, key);
					statement.setLong(3, id);
					rows(statement, query.getKey(), lines);
				}
			}
			try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, to_object_type_id,"
					+ " to_hubspot_id FROM hubsync.pending_association WHERE object_type_id = ? AND hubspot_id = ?")) {
				statement.setString(1, objectTypeId);
				statement.setLong(2, id);
				rows(statement, "waiting inbound", lines);
			}
			try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, to_object_type_id,"
					+ " to_platform_key FROM hubsync.pending_outbound_association WHERE object_type_id = ?"
					+ " AND platform_key = ?")) {
				statement.setString(1, objectTypeId);
				statement.setString(2, key);
				rows(statement, "waiting outbound", lines);
			}
		}
		catch (SQLException ex) {
			lines.add("(state unreadable: " + ex.getMessage() + ")");
		}
		return lines;
	}

	private static void rows(PreparedStatement statement, String label, List<String> lines) throws SQLException {
		try (ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				List<String> values = new ArrayList<>();
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					values.add(rs.getMetaData().getColumnName(i) + "=" + rs.getString(i));
				}
				lines.add(label + ": " + String.join(" ", values));
			}
		}
	}

	/**
	 * Finds the sync's writes to the platform that changed nothing: inbound applications
	 * whose value was already the row's.
	 * @return one line per such write: object type id, platform key, HubSpot id, field,
	 * value
	 */
	public List<List<String>> platformEchoes() {
		List<List<String>> echoes = new ArrayList<>();
		String sql = "SELECT object_type_id, platform_key, hubspot_id::text, field, platform_value, hubspot_value"
				+ " FROM hubsync.sync_log WHERE direction = 'inbound' AND outcome = 'applied' AND field IS NOT NULL"
				+ " ORDER BY id";
		try (Connection connection = this.platform.connect()) {
			query(connection, sql, (rs) -> {
				String field = rs.getString(4);
				String before = canonical(field, rs.getString(5));
				String after = canonical(field, rs.getString(6));
				if (java.util.Objects.equals(before, after)) {
					echoes
						.add(java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), field, after));
				}
			});
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the sync log: " + ex.getMessage(), ex);
		}
		return echoes;
	}

	/**
	 * One applied value of a field, from the sync log, for the ordering check.
	 *
	 * @param id the log line's id
	 * @param direction whose write was applied: {@code inbound} HubSpot's (to the
	 * platform), {@code outbound} the platform's (to HubSpot), whichever direction merged
	 * it
	 * @param value the value written to the other side
	 */
	public record Applied(long id, String direction, @Nullable String value) {
	}

	/**
	 * Reads the values the sync applied to a record's field, in log order.
	 * @param objectTypeId the object type id
	 * @param platformKey the platform key
	 * @param hubspotIds the record's HubSpot ids (a restore re-creates it)
	 * @param field the property
	 * @return the applied values
	 */
	public List<Applied> applied(String objectTypeId, String platformKey, List<String> hubspotIds, String field) {
		List<Applied> applied = new ArrayList<>();
		String sql = "SELECT id, direction, platform_value, hubspot_value, winner FROM hubsync.sync_log"
				+ " WHERE object_type_id = ?"
				+ " AND (platform_key = ? OR hubspot_id = ANY (?::bigint[])) AND field = ? AND outcome = 'applied'"
				+ " ORDER BY id";
		try (Connection connection = this.platform.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, objectTypeId);
			statement.setString(2, platformKey);
			statement.setArray(3, connection.createArrayOf("bigint", hubspotIds.stream().map(Long::valueOf).toArray()));
			statement.setString(4, field);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					// either direction merges both ways (the outbound direction writes
					// HubSpot's newer value to the product too): what was applied, and
					// whose write it was, is the winner's value
					String winner = rs.getString(5);
					String direction = "hubspot".equals(winner) ? "inbound"
							: "platform".equals(winner) ? "outbound" : rs.getString(2);
					String value = "inbound".equals(direction) ? rs.getString(4) : rs.getString(3);
					applied.add(new Applied(rs.getLong(1), direction, canonical(field, value)));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the sync log: " + ex.getMessage(), ex);
		}
		return applied;
	}

}
