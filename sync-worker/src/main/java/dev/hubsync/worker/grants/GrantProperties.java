package dev.hubsync.worker.grants;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The roles of {@code deploy/postgres/roles.sql} that get grants on the worker's own
 * tables ({@code hubsync.worker.grants.*}); empty: no grant. Granted by
 * {@code R__role_grants.sql} after the worker's migrations, again whenever a name changes
 * (a role named before keeps its grants: revoke them by hand).
 *
 * @param mappingRole the mapping service's role ({@code hubsync_mapping}): {@code USAGE}
 * on the schema, {@code SELECT, UPDATE} on {@code oauth_installation}, which it reads and
 * refreshes with {@code hubsync.hubspot.auth=oauth}
 * @param operatorRole the operator's role ({@code hubsync_operator}): {@code INSERT,
 * UPDATE} on {@code dlt_redrive}, where {@code hubsync-ops dlt redrive} records what it
 * sent back (reading the schema is granted by {@code roles.sql})
 */
@ConfigurationProperties("hubsync.worker.grants")
@Validated
public record GrantProperties(@Nullable String mappingRole, @Nullable String operatorRole) {

	private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	/**
	 * Checks the names, which reach SQL.
	 * @param mappingRole the mapping service's role
	 * @param operatorRole the operator's role
	 */
	public GrantProperties {
		mappingRole = check("mapping-role", mappingRole);
		operatorRole = check("operator-role", operatorRole);
	}

	private static @Nullable String check(String property, @Nullable String role) {
		if (role == null || role.isBlank()) {
			return null;
		}
		if (!ROLE.matcher(role).matches()) {
			throw new IllegalArgumentException("hubsync.worker.grants." + property + " '" + role
					+ "' is not a role name (lower case letters, digits, _)");
		}
		return role;
	}

}
