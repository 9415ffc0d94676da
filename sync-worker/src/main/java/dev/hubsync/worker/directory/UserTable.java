package dev.hubsync.worker.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.hubsync.mapping.Identifiers;
import dev.hubsync.worker.store.PlatformTables;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the product's users: key, email and whether active, from the configured table and
 * columns (validated names, quoted).
 */
final class UserTable {

	private final JdbcClient jdbc;

	private final String sql;

	UserTable(JdbcClient jdbc, DirectoryProperties.Users users) {
		this.jdbc = jdbc;
		String active = (users.activeColumn() != null)
				? "coalesce(" + PlatformTables.quote(users.activeColumn()) + ", true)" : "true";
		this.sql = "SELECT " + PlatformTables.quote(users.keyColumn()) + "::text, "
				+ PlatformTables.quote(users.emailColumn()) + ", " + active + " FROM " + table(users.table());
	}

	List<User> read() {
		List<User> users = new ArrayList<>();
		this.jdbc.sql(this.sql).query((rs) -> {
			String email = rs.getString(2);
			users.add(new User(rs.getString(1), (email != null) ? email.strip().toLowerCase(Locale.ROOT) : null,
					rs.getBoolean(3)));
		});
		return users;
	}

	private static String table(String table) {
		String schema = Identifiers.schemaOf(table);
		String name = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
		return PlatformTables.quote(schema) + "." + PlatformTables.quote(name);
	}

	/**
	 * A product user.
	 *
	 * @param key the key, as text
	 * @param email the email, lower case; null when the row has none
	 * @param active whether the user may own records
	 */
	record User(String key, @Nullable String email, boolean active) {
	}

}
