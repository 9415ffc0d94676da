package dev.hubsync.worker.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hubsync.worker.merge.AssociationMerge;
import dev.hubsync.worker.merge.LinkValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The link table ({@code hubsync.link}). Over 300 lines on purpose: every statement on
 * the table is here, so a change of its columns (by migration only: operators query it)
 * is one file to read.
 */
@Repository
public class LinkStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Instant>> TIMES = new TypeReference<>() {
	};

	private static final String COLUMNS = "object_type_id, hubspot_id, platform_key, version, platform_hash,"
			+ " hubspot_hash, synced_values::text AS synced_values, hubspot_modified_at, archived,"
			+ " platform_changed_at::text AS platform_changed_at, hubspot_seen_at::text AS hubspot_seen_at";

	/**
	 * Merges kept product change times into a link: the times of the properties the first
	 * parameter names (under their property and their values' keys) go, the second
	 * parameter's are added.
	 */
	private static final String KEEP_PRODUCT_TIMES = "platform_changed_at = coalesce((SELECT"
			+ " jsonb_object_agg(e.key, e.value) FROM jsonb_each(platform_changed_at) e WHERE split_part(e.key, '"
			+ LinkValues.VALUE_TAG + "', 1) <> ALL(?::text[])), '{}'::jsonb) || ?::jsonb";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	LinkStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * Returns the links of HubSpot records.
	 * @param objectTypeId the object type
	 * @param hubspotIds the records
	 * @return the links by HubSpot id
	 */
	public Map<Long, Link> byHubSpotIds(String objectTypeId, Collection<Long> hubspotIds) {
		Map<Long, Link> links = new LinkedHashMap<>();
		if (hubspotIds.isEmpty()) {
			return links;
		}
		this.jdbc.sql("SELECT " + COLUMNS + " FROM hubsync.link WHERE object_type_id = ? AND hubspot_id = ANY(?)")
			.params(objectTypeId, hubspotIds.toArray(Long[]::new))
			.query(LinkStore::row)
			.list()
			.forEach((link) -> links.put(link.hubspotId(), link));
		return links;
	}

	/**
	 * Returns a HubSpot record's link, locking it for this transaction.
	 * @param objectTypeId the object type
	 * @param hubspotId the record
	 * @return the link, if any
	 */
	public Optional<Link> lockByHubSpotId(String objectTypeId, long hubspotId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM hubsync.link WHERE object_type_id = ? AND hubspot_id = ? FOR UPDATE")
			.params(objectTypeId, hubspotId)
			.query(LinkStore::row)
			.optional();
	}

	/**
	 * Returns a platform row's link, locking it for this transaction.
	 * @param objectTypeId the object type
	 * @param platformKey the row
	 * @return the link, if any
	 */
	public Optional<Link> lockByPlatformKey(String objectTypeId, String platformKey) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM hubsync.link WHERE object_type_id = ? AND platform_key = ? FOR UPDATE")
			.params(objectTypeId, platformKey)
			.query(LinkStore::row)
			.optional();
	}

	/**
	 * Creates a link unless the HubSpot record or the platform row has one already.
	 * @param link the link
	 * @return whether it was created
	 */
	public boolean insertNew(Link link) {
		return this.jdbc
			.sql("INSERT INTO hubsync.link (object_type_id, hubspot_id, platform_key, version, platform_hash,"
					+ " hubspot_hash, synced_values, hubspot_modified_at, archived, platform_changed_at, hubspot_seen_at)"
					+ " VALUES (?, ?, ?, 1, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb) ON CONFLICT DO NOTHING")
			.params(link.objectTypeId(), link.hubspotId(), link.platformKey(), link.platformHash(), link.hubspotHash(),
					JSON.writeValueAsString(link.syncedValues()), timestamp(link.hubspotModifiedAt()), link.archived(),
					times(link.platformChangedAt()), times(link.hubspotSeen()))
			.update() > 0;
	}

	/**
	 * Records a merge on a link, field by field: the new last-synced values, the product
	 * change times consumed and kept, the HubSpot history accounted for, and the
	 * high-water marks. Other fields' values stay as they are (another direction may have
	 * settled them meanwhile).
	 * @param update the merge's effect on the link
	 */
	public void update(LinkUpdate update) {
		updateAll(List.of(update));
	}

	/**
	 * Records merges on links in one JDBC batch ({@link #update}).
	 * @param updates the merges' effects
	 */
	public void updateAll(List<LinkUpdate> updates) {
		if (updates.isEmpty()) {
			return;
		}
		this.template.batchUpdate(
				"UPDATE hubsync.link SET synced_values = synced_values || ?::jsonb, " + KEEP_PRODUCT_TIMES + ","
						+ " hubspot_seen_at = hubspot_seen_at || ?::jsonb,"
						+ " hubspot_modified_at = greatest(hubspot_modified_at, ?),"
						+ " platform_lsn = greatest(platform_lsn, ?), platform_hash = coalesce(?, platform_hash),"
						+ " hubspot_hash = coalesce(?, hubspot_hash), archived = false, version = version + 1,"
						+ " updated_at = now() WHERE object_type_id = ? AND hubspot_id = ?",
				updates, updates.size(), (statement, update) -> {
					statement.setString(1, JSON.writeValueAsString(update.ancestors()));
					// the kept times of the fields settled now, and the older times
					// of the fields kept now, go
					statement.setArray(2, statement.getConnection()
						.createArrayOf("text", replacedTimes(update.settled(), update.productTimes())));
					statement.setString(3, times(update.productTimes()));
					statement.setString(4, times(update.hubspotSeen()));
					statement.setTimestamp(5, timestamp(update.hubspotModifiedAt()));
					statement.setObject(6, update.platformLsn(), java.sql.Types.BIGINT);
					statement.setString(7, update.platformHash());
					statement.setString(8, update.hubspotHash());
					statement.setString(9, update.objectTypeId());
					statement.setLong(10, update.hubspotId());
				});
	}

	/**
	 * Returns the links of platform rows.
	 * @param objectTypeId the object type
	 * @param platformKeys the rows
	 * @return the links by platform key
	 */
	public Map<String, Link> byPlatformKeys(String objectTypeId, Collection<String> platformKeys) {
		Map<String, Link> links = new LinkedHashMap<>();
		if (platformKeys.isEmpty()) {
			return links;
		}
		this.jdbc.sql("SELECT " + COLUMNS + " FROM hubsync.link WHERE object_type_id = ? AND platform_key = ANY(?)")
			.params(objectTypeId, platformKeys.toArray(String[]::new))
			.query(LinkStore::row)
			.list()
			.forEach((link) -> links.put(link.platformKey(), link));
		return links;
	}

	/**
	 * Returns the platform high-water marks (the LSN of the last change applied) of rows.
	 * @param objectTypeId the object type
	 * @param platformKeys the rows
	 * @return LSNs by platform key, for rows that have one
	 */
	public Map<String, Long> platformLsns(String objectTypeId, Collection<String> platformKeys) {
		Map<String, Long> lsns = new LinkedHashMap<>();
		if (platformKeys.isEmpty()) {
			return lsns;
		}
		this.jdbc.sql(
				"SELECT platform_key, platform_lsn FROM hubsync.link WHERE object_type_id = ? AND platform_key = ANY(?)"
						+ " AND platform_lsn IS NOT NULL")
			.params(objectTypeId, platformKeys.toArray(String[]::new))
			.query((rs, n) -> lsns.put(rs.getString(1), rs.getLong(2)))
			.list();
		return lsns;
	}

	/**
	 * Raises a link's platform high-water mark.
	 * @param objectTypeId the object type
	 * @param platformKey the row
	 * @param lsn the LSN of the change just applied
	 */
	public void advancePlatform(String objectTypeId, String platformKey, long lsn) {
		this.jdbc
			.sql("UPDATE hubsync.link SET platform_lsn = greatest(coalesce(platform_lsn, 0), ?)"
					+ " WHERE object_type_id = ? AND platform_key = ?")
			.params(lsn, objectTypeId, platformKey)
			.update();
	}

	/**
	 * Returns a platform row's link.
	 * @param objectTypeId the object type
	 * @param platformKey the row's key
	 * @return the link, if any
	 */
	public Optional<Link> byPlatformKey(String objectTypeId, String platformKey) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM hubsync.link WHERE object_type_id = ? AND platform_key = ?")
			.params(objectTypeId, platformKey)
			.query(LinkStore::row)
			.optional();
	}

	/**
	 * Creates or updates a link.
	 * @param link the link (its version is bumped)
	 */
	public void save(Link link) {
		this.jdbc.sql("INSERT INTO hubsync.link (object_type_id, hubspot_id, platform_key, version, platform_hash,"
				+ " hubspot_hash, synced_values, hubspot_modified_at, archived, platform_changed_at, hubspot_seen_at)"
				+ " VALUES (?, ?, ?, 1, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb)"
				+ " ON CONFLICT (object_type_id, hubspot_id) DO UPDATE SET platform_key = excluded.platform_key,"
				+ " version = hubsync.link.version + 1, platform_hash = excluded.platform_hash,"
				+ " hubspot_hash = excluded.hubspot_hash, synced_values = excluded.synced_values,"
				+ " hubspot_modified_at = greatest(hubsync.link.hubspot_modified_at, excluded.hubspot_modified_at),"
				+ " archived = excluded.archived, platform_changed_at = excluded.platform_changed_at,"
				+ " hubspot_seen_at = excluded.hubspot_seen_at, updated_at = now()")
			.params(link.objectTypeId(), link.hubspotId(), link.platformKey(), link.platformHash(), link.hubspotHash(),
					JSON.writeValueAsString(link.syncedValues()), timestamp(link.hubspotModifiedAt()), link.archived(),
					times(link.platformChangedAt()), times(link.hubspotSeen()))
			.update();
	}

	/**
	 * Counts which of some platform rows are linked.
	 * @param objectTypeId the object type
	 * @param platformKeys the rows
	 * @return how many have a live link
	 */
	public long byPlatformKeysCount(String objectTypeId, Collection<String> platformKeys) {
		if (platformKeys.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql(
				"SELECT count(*) FROM hubsync.link WHERE object_type_id = ? AND platform_key = ANY(?) AND NOT archived")
			.params(objectTypeId, platformKeys.toArray(String[]::new))
			.query(Long.class)
			.single();
	}

	/**
	 * Counts which of some HubSpot records are linked.
	 * @param objectTypeId the object type
	 * @param hubspotIds the records
	 * @return how many have a link
	 */
	public long countLinked(String objectTypeId, Collection<Long> hubspotIds) {
		if (hubspotIds.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("SELECT count(*) FROM hubsync.link WHERE object_type_id = ? AND hubspot_id = ANY(?)")
			.params(objectTypeId, hubspotIds.toArray(Long[]::new))
			.query(Long.class)
			.single();
	}

	/**
	 * Creates or updates links and raises their platform high-water marks, in one JDBC
	 * batch (a bulk sync writes thousands a second; one statement each would be the
	 * bottleneck).
	 * @param saved the links with the LSN of the platform change each one applied
	 */
	public void saveAll(List<Map.Entry<Link, Long>> saved) {
		if (saved.isEmpty()) {
			return;
		}
		this.template.batchUpdate("INSERT INTO hubsync.link (object_type_id, hubspot_id, platform_key, version,"
				+ " platform_hash, hubspot_hash, synced_values, hubspot_modified_at, archived, platform_lsn)"
				+ " VALUES (?, ?, ?, 1, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (object_type_id, hubspot_id) DO UPDATE"
				+ " SET platform_key = excluded.platform_key, version = hubsync.link.version + 1,"
				+ " platform_hash = excluded.platform_hash, hubspot_hash = excluded.hubspot_hash,"
				+ " synced_values = excluded.synced_values,"
				+ " hubspot_modified_at = greatest(hubsync.link.hubspot_modified_at, excluded.hubspot_modified_at),"
				+ " archived = excluded.archived,"
				+ " platform_lsn = greatest(coalesce(hubsync.link.platform_lsn, 0), excluded.platform_lsn),"
				+ " updated_at = now()", saved, saved.size(), (statement, entry) -> {
					Link link = entry.getKey();
					statement.setString(1, link.objectTypeId());
					statement.setLong(2, link.hubspotId());
					statement.setString(3, link.platformKey());
					statement.setString(4, link.platformHash());
					statement.setString(5, link.hubspotHash());
					statement.setString(6, JSON.writeValueAsString(link.syncedValues()));
					statement.setTimestamp(7, timestamp(link.hubspotModifiedAt()));
					statement.setBoolean(8, link.archived());
					statement.setLong(9, entry.getValue());
				});
	}

	/**
	 * Raises a link's HubSpot high-water mark after a write of the sync's own that set no
	 * mapped property (a stamp; its echo is dropped unread), and the history accounted
	 * for with it: a write that set no mapped property covered no edit of one, so the
	 * poller has nothing to look for up to it. Only when the record had not changed since
	 * the link last recorded it (read just before the stamp): a change meanwhile may be a
	 * user's set-back of a field to its last-synced value, which its merge must still
	 * find in the history.
	 * @param objectTypeId the object type
	 * @param hubspotId the record
	 * @param before HubSpot's last-modified time read just before the write
	 * @param modifiedAt HubSpot's last-modified time after the write
	 */
	public void advanceUnmapped(String objectTypeId, long hubspotId, Instant before, Instant modifiedAt) {
		this.jdbc
			.sql("UPDATE hubsync.link SET hubspot_modified_at = greatest(hubspot_modified_at, ?),"
					+ " hubspot_seen_at = coalesce((SELECT jsonb_object_agg(e.key, CASE WHEN e.key NOT LIKE '"
					+ AssociationMerge.PREFIX + "%' AND (e.value #>> '{}')::timestamptz < ?::timestamptz"
					+ " THEN to_jsonb(?::text) ELSE e.value END) FROM jsonb_each(hubspot_seen_at) e),"
					+ " '{}'::jsonb) WHERE object_type_id = ? AND hubspot_id = ? AND hubspot_modified_at >= ?")
			.params(Timestamp.from(modifiedAt), modifiedAt.toString(), modifiedAt.toString(), objectTypeId, hubspotId,
					Timestamp.from(before))
			.update();
	}

	/**
	 * Records one synced value of a link (an association's target key, for instance).
	 * @param objectTypeId the object type
	 * @param hubspotId the record
	 * @param name the entry
	 * @param value its value
	 */
	public void putSynced(String objectTypeId, long hubspotId, String name, String value) {
		this.jdbc
			.sql("UPDATE hubsync.link SET synced_values = jsonb_set(synced_values, ARRAY[?], to_jsonb(?::text))"
					+ " WHERE object_type_id = ? AND hubspot_id = ?")
			.params(name, value, objectTypeId, hubspotId)
			.update();
	}

	/**
	 * Records an association both sides now hold as its last-synced target, and forgets
	 * the change times kept for it.
	 * @param objectTypeId the object type
	 * @param hubspotId the record
	 * @param column the foreign key column
	 * @param target the target's platform key, or null for none
	 */
	public void settleAssociation(String objectTypeId, long hubspotId, String column, @Nullable String target) {
		String name = AssociationMerge.name(column);
		this.jdbc
			.sql("UPDATE hubsync.link SET synced_values = jsonb_set(synced_values, ARRAY[?], to_jsonb(?::text)),"
					+ " platform_changed_at = " + without("platform_changed_at") + ", hubspot_seen_at = "
					+ without("hubspot_seen_at") + " WHERE object_type_id = ? AND hubspot_id = ?")
			.params(name, (target != null) ? target : "", name, name, objectTypeId, hubspotId)
			.update();
	}

	/**
	 * Keeps one side's change time of an association's target on a link, replacing any
	 * kept for another target of that side: the other direction decides a conflict with
	 * it ({@link AssociationMerge}).
	 * @param objectTypeId the object type
	 * @param hubspotId the record
	 * @param column the foreign key column
	 * @param product whether the time is the product's (else HubSpot's)
	 * @param target the side's target key, or null for none
	 * @param at the change time
	 */
	public void keepAssociationTime(String objectTypeId, long hubspotId, String column, boolean product,
			@Nullable String target, Instant at) {
		String times = product ? "platform_changed_at" : "hubspot_seen_at";
		this.jdbc
			.sql("UPDATE hubsync.link SET " + times + " = " + without(times) + " || jsonb_build_object(?, ?::text)"
					+ " WHERE object_type_id = ? AND hubspot_id = ?")
			.params(AssociationMerge.name(column), AssociationMerge.timeKey(column, target), at.toString(),
					objectTypeId, hubspotId)
			.update();
	}

	/**
	 * A times column without the entries of one association (one parameter: its name).
	 */
	private static String without(String column) {
		return "coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(" + column
				+ ") e WHERE split_part(e.key, '" + LinkValues.VALUE_TAG + "', 1) <> ?), '{}'::jsonb)";
	}

	/**
	 * Forgets the last-synced values of some properties: the next change of either side
	 * is then judged by the mapping's rule as if both had changed (reconcile, when the
	 * values agree with neither side).
	 * @param objectTypeId the object type
	 * @param hubspotId the record
	 * @param names the properties
	 */
	public void forgetSynced(String objectTypeId, long hubspotId, Collection<String> names) {
		if (names.isEmpty()) {
			return;
		}
		this.jdbc
			.sql("UPDATE hubsync.link SET synced_values = synced_values - ?::text[], updated_at = now()"
					+ " WHERE object_type_id = ? AND hubspot_id = ?")
			.params(names.toArray(String[]::new), objectTypeId, hubspotId)
			.update();
	}

	/**
	 * Moves a link to another HubSpot id (a merge's surviving record).
	 * @param objectTypeId the object type
	 * @param fromId the absorbed id
	 * @param toId the surviving id
	 * @return whether a link moved
	 */
	public boolean repoint(String objectTypeId, long fromId, long toId) {
		return this.jdbc
			.sql("UPDATE hubsync.link SET hubspot_id = ?, version = version + 1, updated_at = now()"
					+ " WHERE object_type_id = ? AND hubspot_id = ?")
			.params(toId, objectTypeId, fromId)
			.update() > 0;
	}

	/**
	 * Marks a link archived or not.
	 * @param objectTypeId the object type
	 * @param hubspotId the record
	 * @param archived the state
	 */
	public void archive(String objectTypeId, long hubspotId, boolean archived) {
		this.jdbc
			.sql("UPDATE hubsync.link SET archived = ?, version = version + 1, updated_at = now()"
					+ " WHERE object_type_id = ? AND hubspot_id = ?")
			.params(archived, objectTypeId, hubspotId)
			.update();
	}

	/**
	 * Archives a link whose row the inbound direction soft-deleted, following HubSpot,
	 * and remembers the soft-delete time it wrote.
	 * @param objectTypeId the object type
	 * @param hubspotId the record
	 * @param rowDeletedAt the time written to the row's soft-delete column
	 */
	public void archiveFollowingHubSpot(String objectTypeId, long hubspotId, Instant rowDeletedAt) {
		this.jdbc
			.sql("UPDATE hubsync.link SET archived = true, row_deleted_at = ?, version = version + 1,"
					+ " updated_at = now() WHERE object_type_id = ? AND hubspot_id = ?")
			.params(java.time.OffsetDateTime.ofInstant(rowDeletedAt, java.time.ZoneOffset.UTC), objectTypeId, hubspotId)
			.update();
	}

	/**
	 * Returns the soft-delete time the inbound direction last wrote to a link's row
	 * ({@link #archiveFollowingHubSpot}).
	 * @param objectTypeId the object type
	 * @param hubspotId the record
	 * @return the time, if the inbound direction ever soft-deleted the row
	 */
	public Optional<Instant> rowDeletedAt(String objectTypeId, long hubspotId) {
		return this.jdbc
			.sql("SELECT row_deleted_at FROM hubsync.link WHERE object_type_id = ? AND hubspot_id = ?"
					+ " AND row_deleted_at IS NOT NULL")
			.params(objectTypeId, hubspotId)
			.query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
			.optional();
	}

	/**
	 * Deletes the archived links of a row or a record, so a new pair can be linked.
	 * @param objectTypeId the object type
	 * @param platformKey the row
	 * @param hubspotId the record
	 */
	public void deleteArchived(String objectTypeId, String platformKey, long hubspotId) {
		this.jdbc
			.sql("DELETE FROM hubsync.link WHERE object_type_id = ? AND archived AND (platform_key = ? OR"
					+ " hubspot_id = ?)")
			.params(objectTypeId, platformKey, hubspotId)
			.update();
	}

	/**
	 * Deletes a link (privacy deletion).
	 * @param objectTypeId the object type
	 * @param hubspotId the record
	 */
	public void delete(String objectTypeId, long hubspotId) {
		this.jdbc.sql("DELETE FROM hubsync.link WHERE object_type_id = ? AND hubspot_id = ?")
			.params(objectTypeId, hubspotId)
			.update();
	}

	/**
	 * Returns every link of an object type (tests, reconcile).
	 * @param objectTypeId the object type
	 * @return the links
	 */
	public List<Link> all(String objectTypeId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM hubsync.link WHERE object_type_id = ? ORDER BY hubspot_id")
			.param(objectTypeId)
			.query(LinkStore::row)
			.list();
	}

	/**
	 * Keeps product change times on a link (replacing those kept for the same properties)
	 * and changes nothing else: not its version, and not whether it is archived.
	 * @param objectTypeId the object type
	 * @param hubspotId the link's record
	 * @param times the times, as {@link LinkValues#keep} makes them
	 */
	public void keepProductTimes(String objectTypeId, long hubspotId, Map<String, Instant> times) {
		if (times.isEmpty()) {
			return;
		}
		this.jdbc.sql("UPDATE hubsync.link SET " + KEEP_PRODUCT_TIMES + " WHERE object_type_id = ? AND hubspot_id = ?")
			.params(replacedTimes(Set.of(), times), times(times), objectTypeId, hubspotId)
			.update();
	}

	/**
	 * The properties whose kept times a merge of {@code times} replaces: those settled
	 * now, and those kept anew.
	 */
	private static String[] replacedTimes(Collection<String> settled, Map<String, Instant> times) {
		Set<String> replaced = new LinkedHashSet<>(settled);
		times.keySet().stream().filter((name) -> !name.contains(LinkValues.VALUE_TAG)).forEach(replaced::add);
		return replaced.toArray(String[]::new);
	}

	private static String times(Map<String, Instant> times) {
		Map<String, String> text = new LinkedHashMap<>();
		times.forEach((name, at) -> text.put(name, at.toString()));
		return JSON.writeValueAsString(text);
	}

	private static Map<String, Instant> times(@Nullable String json) {
		return (json != null) ? JSON.readValue(json, TIMES) : Map.of();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Link row(ResultSet rs, int rowNum) throws SQLException {
		Timestamp modified = rs.getTimestamp("hubspot_modified_at");
		return new Link(rs.getString("object_type_id"), rs.getLong("hubspot_id"), rs.getString("platform_key"),
				rs.getLong("version"), rs.getString("platform_hash"), rs.getString("hubspot_hash"),
				JSON.readValue(rs.getString("synced_values"), VALUES), (modified != null) ? modified.toInstant() : null,
				rs.getBoolean("archived"), times(rs.getString("platform_changed_at")),
				times(rs.getString("hubspot_seen_at")));
	}

}
