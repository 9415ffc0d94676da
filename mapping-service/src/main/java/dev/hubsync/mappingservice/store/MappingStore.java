package dev.hubsync.mappingservice.store;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.serde.RecordCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mapping versions in {@code hubsync_mapping.mapping_versions}. A new version is numbered
 * under a transaction-scoped advisory lock per object type, so concurrent saves queue up
 * instead of racing for a number.
 */
@Repository
public class MappingStore {

	private static final String COLUMNS = "config::text AS config, source, created_at, published_at";

	private final JdbcClient jdbc;

	private final RecordCodec<MappingConfig> codec = new RecordCodec<>(MappingConfig.class);

	/**
	 * Creates the store.
	 * @param jdbc the database
	 */
	public MappingStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Returns the latest version of an object type's mapping.
	 * @param objectTypeId the object type
	 * @return the version, if any was saved
	 */
	public Optional<StoredMapping> latest(String objectTypeId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM hubsync_mapping.mapping_versions WHERE object_type_id = ?"
					+ " ORDER BY version DESC LIMIT 1")
			.param(objectTypeId)
			.query(this::row)
			.optional();
	}

	/**
	 * Returns one version.
	 * @param objectTypeId the object type
	 * @param version the version
	 * @return the version, if it exists
	 */
	public Optional<StoredMapping> version(String objectTypeId, long version) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM hubsync_mapping.mapping_versions WHERE object_type_id = ? AND version = ?")
			.params(objectTypeId, version)
			.query(this::row)
			.optional();
	}

	/**
	 * Returns every version of an object type, newest first.
	 * @param objectTypeId the object type
	 * @return the versions
	 */
	public List<StoredMapping> versions(String objectTypeId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM hubsync_mapping.mapping_versions WHERE object_type_id = ?"
					+ " ORDER BY version DESC")
			.param(objectTypeId)
			.query(this::row)
			.list();
	}

	/**
	 * Returns the latest version of every object type.
	 * @return the mappings, by object type
	 */
	public List<StoredMapping> latestOfEach() {
		return this.jdbc
			.sql("SELECT DISTINCT ON (object_type_id) " + COLUMNS
					+ " FROM hubsync_mapping.mapping_versions ORDER BY object_type_id, version DESC")
			.query(this::row)
			.list();
	}

	/**
	 * Returns the versions not yet acknowledged on the mapping topic, oldest first.
	 * @return the pending versions
	 */
	public List<StoredMapping> unpublished() {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM hubsync_mapping.mapping_versions WHERE published_at IS NULL"
					+ " ORDER BY object_type_id, version")
			.query(this::row)
			.list();
	}

	/**
	 * Saves a mapping as the object type's next version.
	 * @param draft the mapping (its version is replaced)
	 * @param source {@code file} or {@code api}
	 * @param by who saved it
	 * @param expectedLatest the version the caller edited, or null to not check
	 * @param at when
	 * @return the stored version
	 * @throws StaleVersionException when {@code expectedLatest} is not the latest
	 */
	@Transactional
	public StoredMapping append(MappingConfig draft, String source, String by, @Nullable Long expectedLatest,
			Instant at) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('hubsync_mapping:' || ?))")
			.param(draft.objectTypeId())
			.query((rs, n) -> 1)
			.list();
		long latest = this.jdbc
			.sql("SELECT coalesce(max(version), 0) FROM hubsync_mapping.mapping_versions WHERE object_type_id = ?")
			.param(draft.objectTypeId())
			.query(Long.class)
			.single();
		if (expectedLatest != null && expectedLatest != latest) {
			throw new StaleVersionException(draft.objectTypeId(), expectedLatest, latest);
		}
		MappingConfig config = draft.withVersion(latest + 1, at, by);
		this.jdbc
			.sql("INSERT INTO hubsync_mapping.mapping_versions (object_type_id, version, config, source, created_by,"
					+ " created_at) VALUES (?, ?, ?::jsonb, ?, ?, ?)")
			.params(config.objectTypeId(), config.version(),
					new String(this.codec.encode(config), StandardCharsets.UTF_8), source, by, Timestamp.from(at))
			.update();
		return new StoredMapping(config, source, at, null);
	}

	/**
	 * Records that Kafka acknowledged a version.
	 * @param objectTypeId the object type
	 * @param version the version
	 * @param at when
	 */
	public void markPublished(String objectTypeId, long version, Instant at) {
		this.jdbc
			.sql("UPDATE hubsync_mapping.mapping_versions SET published_at = ? WHERE object_type_id = ? AND version = ?"
					+ " AND published_at IS NULL")
			.params(Timestamp.from(at), objectTypeId, version)
			.update();
	}

	private StoredMapping row(ResultSet rs, int rowNum) throws SQLException {
		Timestamp published = rs.getTimestamp("published_at");
		return new StoredMapping(this.codec.decode(rs.getString("config").getBytes(StandardCharsets.UTF_8)),
				rs.getString("source"), rs.getTimestamp("created_at").toInstant(),
				(published != null) ? published.toInstant() : null);
	}

}
