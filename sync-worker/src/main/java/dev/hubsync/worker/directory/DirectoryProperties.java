package dev.hubsync.worker.directory;

import java.time.Duration;

import dev.hubsync.mapping.Identifiers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The owner and pipeline directories ({@code hubsync.worker.directory.*}).
 *
 * @param refreshInterval how often owners, users and pipelines already read are read
 * again (an owner invited or a user added in between is found sooner: see
 * {@code missRefreshInterval})
 * @param missRefreshInterval the shortest time between two reads caused by an unknown
 * owner id, user or stage, so a burst of records naming one unknown owner costs one read
 * @param users where the product keeps its users
 */
@ConfigurationProperties("hubsync.worker.directory")
@Validated
public record DirectoryProperties(@DefaultValue("10m") @NotNull Duration refreshInterval,
		@DefaultValue("30s") @NotNull Duration missRefreshInterval, @DefaultValue @Valid Users users) {

	/**
	 * The product's users table, whose rows {@code owner} fields point at.
	 *
	 * @param table the table, optionally schema-qualified
	 * @param keyColumn the column the owner foreign keys reference
	 * @param emailColumn the column holding the email owners are matched by
	 * (case-insensitive)
	 * @param activeColumn a boolean column; users with {@code false} match no owner.
	 * Empty: every user is active
	 */
	public record Users(@DefaultValue("public.users") @NotBlank String table,
			@DefaultValue("id") @NotBlank String keyColumn, @DefaultValue("email") @NotBlank String emailColumn,
			@Nullable String activeColumn) {

		/**
		 * Checks the names, which reach SQL.
		 * @param table the table
		 * @param keyColumn the key column
		 * @param emailColumn the email column
		 * @param activeColumn the active column
		 */
		public Users {
			if (table != null && !Identifiers.isTable(table)) {
				throw new IllegalArgumentException("hubsync.worker.directory.users.table '" + table
						+ "' is not a table name (schema.table, lower case)");
			}
			for (String column : new String[] { keyColumn, emailColumn }) {
				if (column != null && !Identifiers.isColumn(column)) {
					throw new IllegalArgumentException(
							"hubsync.worker.directory.users column '" + column + "' is not a column name");
				}
			}
			activeColumn = (activeColumn == null || activeColumn.isBlank()) ? null : activeColumn;
			if (activeColumn != null && !Identifiers.isColumn(activeColumn)) {
				throw new IllegalArgumentException(
						"hubsync.worker.directory.users.active-column '" + activeColumn + "' is not a column name");
			}
		}

	}

}
