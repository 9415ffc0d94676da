package dev.hubsync.publisher.capture;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership of one replication slot: a session-level PostgreSQL advisory lock held on
 * its own connection for as long as the engine runs. The slot's own exclusivity is not
 * enough: a second engine without offsets would first re-snapshot (duplicates) and then
 * fail on the busy slot.
 */
final class LeaderLock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LeaderLock.class);

	private final Connection connection;

	private LeaderLock(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Tries to take the lock of a slot.
	 * @param dataSource the platform database
	 * @param slot the slot
	 * @return the held lock, or empty when another process holds it
	 */
	static Optional<LeaderLock> tryAcquire(DataSource dataSource, String slot) {
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			connection.setAutoCommit(true);
			try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				statement.setLong(1, key(slot));
				try (ResultSet rows = statement.executeQuery()) {
					rows.next();
					if (rows.getBoolean(1)) {
						return Optional.of(new LeaderLock(connection));
					}
				}
			}
			connection.close();
			return Optional.empty();
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			logger.warn("Could not try the leadership lock of slot {}: {}", slot, ex.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * Tells whether the lock is still held: its connection is alive.
	 * @return whether the session is valid
	 */
	boolean held() {
		try {
			return this.connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		closeQuietly(this.connection);
	}

	static long key(String slot) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("hubsync-publisher:" + slot).getBytes(StandardCharsets.UTF_8));
			long key = 0;
			for (int i = 0; i < 8; i++) {
				key = (key << 8) | (digest[i] & 0xff);
			}
			return key;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Could not close the lock connection", ex);
			}
		}
	}

}
