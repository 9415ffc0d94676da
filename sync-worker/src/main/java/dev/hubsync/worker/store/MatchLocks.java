package dev.hubsync.worker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.TreeSet;

import javax.sql.DataSource;

import dev.hubsync.mapping.matching.MatchKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Advisory locks on a record's match keys ({@code record:<key>}, an email,
 * {@code hubspot:<id>}): per transaction, where the inbound direction matches and links;
 * per session where they are held across a HubSpot call, which a transaction must never
 * span. Session keys are taken in ascending order.
 */
@Component
public class MatchLocks {

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	public MatchLocks(DataSource dataSource, JdbcClient jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
	}

	/**
	 * Takes a match key's lock until the current transaction ends, waiting for it.
	 * @param objectTypeId the object type
	 * @param matchKey the key ({@code record:<key>}, a normalised email,
	 * {@code hubspot:<id>})
	 */
	public void lockForTransaction(String objectTypeId, String matchKey) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?)")
			.param(MatchKeys.lockKey(objectTypeId, matchKey))
			.query((rs, n) -> 1)
			.list();
	}

	/**
	 * The lock key of a row's own key.
	 * @param objectTypeId the object type
	 * @param platformKey the row's key
	 * @return the key
	 */
	public static long recordKey(String objectTypeId, String platformKey) {
		return MatchKeys.lockKey(objectTypeId, "record:" + platformKey);
	}

	/**
	 * Takes every key without waiting.
	 * @param keys the keys
	 * @return the held locks, or {@code null} when a key is taken (none are held then)
	 */
	public @Nullable Held tryLock(Collection<Long> keys) {
		return acquire(keys, null);
	}

	/**
	 * Takes every key, waiting at most {@code timeout} for each.
	 * @param keys the keys
	 * @param timeout the longest wait per key
	 * @return the held locks, or {@code null} when a key stayed taken (none are held
	 * then)
	 */
	public @Nullable Held lock(Collection<Long> keys, Duration timeout) {
		return acquire(keys, timeout);
	}

	private @Nullable Held acquire(Collection<Long> keys, @Nullable Duration timeout) {
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(true);
			if (timeout != null) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET lock_timeout = " + Math.max(1, timeout.toMillis()));
				}
			}
			String sql = (timeout != null) ? "SELECT true FROM pg_advisory_lock(?)" : "SELECT pg_try_advisory_lock(?)";
			try (PreparedStatement lock = connection.prepareStatement(sql)) {
				for (long key : new TreeSet<>(keys)) {
					lock.setLong(1, key);
					boolean held;
					try (ResultSet rs = lock.executeQuery()) {
						held = rs.next() && rs.getBoolean(1);
					}
					catch (SQLException ex) {
						if (!"55P03".equals(ex.getSQLState())) {
							throw ex;
						}
						held = false;
					}
					if (!held) {
						Held.release(connection);
						return null;
					}
				}
			}
			return new Held(connection);
		}
		catch (SQLException | RuntimeException ex) {
			Held.release(connection);
			throw new DataAccessResourceFailureException("could not lock match keys", ex);
		}
	}

	/**
	 * Locks held by one database session; closing releases them.
	 */
	public static final class Held implements AutoCloseable {

		private final @Nullable Connection connection;

		private Held(@Nullable Connection connection) {
			this.connection = connection;
		}

		/**
		 * Holds nothing.
		 * @return an empty hold
		 */
		public static Held none() {
			return new Held(null);
		}

		@Override
		public void close() {
			release(this.connection);
		}

		private static void release(@Nullable Connection connection) {
			if (connection == null) {
				return;
			}
			try (connection; Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_advisory_unlock_all()");
				statement.execute("RESET lock_timeout");
			}
			catch (SQLException ex) {
				// closing the session releases its advisory locks all the same
			}
		}

	}

}
