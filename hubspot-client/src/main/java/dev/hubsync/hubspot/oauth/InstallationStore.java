package dev.hubsync.hubspot.oauth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * The installation's row in PostgreSQL (the sync-worker's migration creates
 * {@code hubsync.oauth_installation}; a check constraint keeps one row, so one portal per
 * installation). Tokens are stored only as AES-256-GCM ciphertext with the id of their
 * key. A refresh runs in one transaction under a PostgreSQL advisory lock, so among
 * several instances exactly one calls HubSpot and the others read its result.
 */
public final class InstallationStore {

	/**
	 * The advisory lock key of the refresh: {@code hashtext('hubsync.oauth.refresh')}.
	 */
	static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('hubsync.oauth.refresh'))";

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

	private final DataSource database;

	private final String table;

	private final TokenCipher cipher;

	private final Clock clock;

	/**
	 * Creates a store.
	 * @param database the database holding the table
	 * @param table the table, {@code schema.name} (lower case)
	 * @param cipher the token cipher
	 * @param clock the clock
	 */
	public InstallationStore(DataSource database, String table, TokenCipher cipher, Clock clock) {
		if (!IDENTIFIER.matcher(table).matches()) {
			throw new IllegalArgumentException("the OAuth installation table '" + table
					+ "' must be a lower-case name, optionally schema-qualified");
		}
		this.database = database;
		this.table = quote(table);
		this.cipher = cipher;
		this.clock = clock;
	}

	/**
	 * Reads the installation.
	 * @return it, or empty before the first install
	 */
	public Optional<Installation> current() {
		try (Connection connection = this.database.getConnection()) {
			return read(connection, false);
		}
		catch (SQLException ex) {
			throw failure("read the OAuth installation", ex);
		}
	}

	/**
	 * Records an install: the first one, or the same portal again (which also lifts a
	 * revocation).
	 * @param hubId the portal HubSpot installed in
	 * @param tokens the tokens of the code exchange
	 * @return the installation
	 * @throws InstallationRefusedException when another portal holds the installation
	 */
	public Installation install(long hubId, OAuthTokens tokens) {
		if (tokens.refreshToken() == null) {
			throw new IllegalArgumentException("the code exchange returned no refresh token");
		}
		return inTransaction((connection) -> {
			lock(connection);
			Optional<Installation> existing = read(connection, true);
			if (existing.isPresent() && existing.get().hubId() != hubId) {
				throw new InstallationRefusedException("HubSync is installed for HubSpot portal "
						+ existing.get().hubId() + "; one installation syncs one portal, so portal " + hubId
						+ " was not installed. Run another HubSync (its own database) for that portal, or uninstall"
						+ " the app from portal " + existing.get().hubId() + " and delete its row first.");
			}
			Instant expiresAt = this.clock.instant().plusSeconds(tokens.expiresIn());
			String sql = "INSERT INTO " + this.table + " (id, hub_id, key_id, access_token, refresh_token, expires_at,"
					+ " installed_at, refreshed_at, revoked_at, revoked_reason) VALUES (1, ?, ?, ?, ?, ?, ?, NULL, NULL,"
					+ " NULL) ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, access_token ="
					+ " excluded.access_token, refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,"
					+ " installed_at = excluded.installed_at, refreshed_at = NULL, revoked_at = NULL, revoked_reason = NULL";
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setLong(1, hubId);
				statement.setString(2, this.cipher.activeKeyId());
				statement.setBytes(3, this.cipher.seal(tokens.accessToken(), context(hubId, "access")));
				statement.setBytes(4, this.cipher.seal(tokens.refreshToken(), context(hubId, "refresh")));
				statement.setTimestamp(5, Timestamp.from(expiresAt));
				statement.setTimestamp(6, Timestamp.from(this.clock.instant()));
				statement.executeUpdate();
			}
			return read(connection, false).orElseThrow();
		});
	}

	/**
	 * Refreshes the access token unless another instance did while this one waited for
	 * the lock: under the advisory lock, re-reads the row, and calls the refresher only
	 * if the token is still due.
	 * @param margin how long before expiry a token is refreshed
	 * @param refresher calls HubSpot with the refresh token
	 * @return the installation with a token not due
	 * @throws IllegalStateException when HubSync is not installed
	 */
	public Installation refresh(Duration margin, @Nullable String refused, Function<String, OAuthTokens> refresher) {
		return inTransaction((connection) -> {
			lock(connection);
			Installation current = read(connection, true).orElseThrow(() -> new IllegalStateException(
					"HubSync is not installed in a HubSpot portal: open /oauth/install"));
			boolean stale = current.accessToken().equals(refused) || current.due(this.clock.instant(), margin);
			if (current.revoked() || !stale) {
				return current;
			}
			OAuthTokens tokens = refresher.apply(current.refreshToken());
			String refreshToken = (tokens.refreshToken() != null) ? tokens.refreshToken() : current.refreshToken();
			String sql = "UPDATE " + this.table
					+ " SET key_id = ?, access_token = ?, refresh_token = ?, expires_at = ?,"
					+ " refreshed_at = ? WHERE id = 1";
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setString(1, this.cipher.activeKeyId());
				statement.setBytes(2, this.cipher.seal(tokens.accessToken(), context(current.hubId(), "access")));
				statement.setBytes(3, this.cipher.seal(refreshToken, context(current.hubId(), "refresh")));
				statement.setTimestamp(4, Timestamp.from(this.clock.instant().plusSeconds(tokens.expiresIn())));
				statement.setTimestamp(5, Timestamp.from(this.clock.instant()));
				statement.executeUpdate();
			}
			return read(connection, false).orElseThrow();
		});
	}

	/**
	 * Records that HubSpot refused the refresh token: nothing refreshes until the app is
	 * installed again.
	 * @param reason HubSpot's answer (never a token)
	 */
	public void revoke(String reason) {
		inTransaction((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("UPDATE " + this.table
					+ " SET revoked_at = ?, revoked_reason = ? WHERE id = 1 AND revoked_at IS NULL")) {
				statement.setTimestamp(1, Timestamp.from(this.clock.instant()));
				statement.setString(2, reason);
				statement.executeUpdate();
			}
			return null;
		});
	}

	/**
	 * Re-encrypts every row sealed under another key than the active one.
	 * @return how many rows were re-encrypted
	 */
	public int rotate() {
		return inTransaction((connection) -> {
			lock(connection);
			List<Installation> stale = new ArrayList<>();
			read(connection, true).filter((row) -> !row.keyId().equals(this.cipher.activeKeyId()))
				.ifPresent(stale::add);
			for (Installation row : stale) {
				try (PreparedStatement statement = connection.prepareStatement(
						"UPDATE " + this.table + " SET key_id = ?, access_token = ?, refresh_token = ? WHERE id = 1")) {
					statement.setString(1, this.cipher.activeKeyId());
					statement.setBytes(2, this.cipher.seal(row.accessToken(), context(row.hubId(), "access")));
					statement.setBytes(3, this.cipher.seal(row.refreshToken(), context(row.hubId(), "refresh")));
					statement.executeUpdate();
				}
			}
			return stale.size();
		});
	}

	private Optional<Installation> read(Connection connection, boolean forUpdate) throws SQLException {
		String sql = "SELECT hub_id, key_id, access_token, refresh_token, expires_at, revoked_at, revoked_reason FROM "
				+ this.table + " WHERE id = 1" + (forUpdate ? " FOR UPDATE" : "");
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
			if (!row.next()) {
				return Optional.empty();
			}
			long hubId = row.getLong("hub_id");
			String keyId = row.getString("key_id");
			Timestamp revokedAt = row.getTimestamp("revoked_at");
			return Optional.of(new Installation(hubId,
					this.cipher.open(keyId, row.getBytes("access_token"), context(hubId, "access")),
					this.cipher.open(keyId, row.getBytes("refresh_token"), context(hubId, "refresh")),
					row.getTimestamp("expires_at").toInstant(), keyId,
					(revokedAt != null) ? revokedAt.toInstant() : null, row.getString("revoked_reason")));
		}
	}

	private static void lock(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
			statement.execute();
		}
	}

	private <T> T inTransaction(Work<T> work) {
		try (Connection connection = this.database.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				T result = work.run(connection);
				connection.commit();
				return result;
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw failure("update the OAuth installation", ex);
		}
	}

	private static String context(long hubId, String column) {
		return "hubsync-oauth:" + hubId + ":" + column;
	}

	private static String quote(String table) {
		StringBuilder quoted = new StringBuilder();
		for (String part : table.split("\\.")) {
			quoted.append((quoted.length() > 0) ? "." : "").append('"').append(part).append('"');
		}
		return quoted.toString();
	}

	private static IllegalStateException failure(String action, SQLException ex) {
		return new IllegalStateException("could not " + action + ": " + ex.getMessage(), ex);
	}

	@FunctionalInterface
	private interface Work<T> {

		@Nullable T run(Connection connection) throws SQLException;

	}

}
