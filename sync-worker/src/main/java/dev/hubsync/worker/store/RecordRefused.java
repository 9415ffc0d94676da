package dev.hubsync.worker.store;

import java.sql.SQLException;
import java.util.Locale;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * The product's database refused one record's values (a constraint, or data it cannot
 * hold: a NOT NULL column left empty, a number out of the column's range, text too long,
 * a unique value taken). The record is set aside with the reason, naming the column; the
 * rest of its batch goes on. A database that is away is not this: that failure is
 * nobody's record's, and the batch is retried.
 */
public final class RecordRefused extends RuntimeException {

	private final String sqlState;

	private RecordRefused(String message, String sqlState, Throwable cause) {
		super(message, cause);
		this.sqlState = sqlState;
	}

	/**
	 * Describes the refusal of a record by the database.
	 * @param table the product's table
	 * @param key the row's key, or null for a row not made yet
	 * @param ex the failure
	 * @return the refusal
	 */
	public static RecordRefused of(String table, @org.jspecify.annotations.Nullable String key,
			DataIntegrityViolationException ex) {
		SQLException sql = sqlException(ex);
		String state = (sql != null && sql.getSQLState() != null) ? sql.getSQLState() : "";
		String reason = (sql != null && sql.getMessage() != null) ? firstLine(sql.getMessage()) : ex.getMessage();
		// the first line names the column or constraint; the detail that follows it holds
		// the row's values, which a dead letter's header should not repeat
		return new RecordRefused("the product's database refused " + table + ((key != null) ? " row " + key : "")
				+ " (SQLSTATE " + state + "): " + reason, state, ex);
	}

	/**
	 * Returns the SQLSTATE of the refusal ({@code 23502} NOT NULL, {@code 22003} numeric
	 * out of range, {@code 22001} text too long, {@code 23505} unique, …).
	 * @return the state
	 */
	public String sqlState() {
		return this.sqlState;
	}

	private static @org.jspecify.annotations.Nullable SQLException sqlException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				return sql;
			}
		}
		return null;
	}

	private static String firstLine(String message) {
		String line = message.lines().findFirst().orElse(message).trim();
		return line.toUpperCase(Locale.ROOT).startsWith("ERROR: ") ? line.substring(7) : line;
	}

}
