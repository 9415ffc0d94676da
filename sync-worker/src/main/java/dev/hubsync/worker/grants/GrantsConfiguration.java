package dev.hubsync.worker.grants;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands {@link GrantProperties} to the worker's Flyway as the placeholders of
 * {@code R__role_grants.sql} ({@code mapping_role}, {@code operator_role}; empty: no
 * grant).
 *
 * <p>
 * Why a migration and not {@code roles.sql}: that script runs before the worker's
 * migrations create these tables, and {@code ALTER DEFAULT PRIVILEGES} cannot name one
 * table, so it would give the mapping service {@code UPDATE} on every future table of the
 * schema. Why repeatable: Flyway (12.4, {@code SqlMigrationResolver}) computes a
 * repeatable SQL migration's checksum after replacing its placeholders, so it runs the
 * grants again whenever a role name changes, for example when one is named after the
 * worker's first start.
 */
@Configuration(proxyBeanMethods = false)
class GrantsConfiguration {

	@Bean
	FlywayConfigurationCustomizer roleGrantPlaceholders(GrantProperties properties) {
		return (configuration) -> {
			Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
			placeholders.put("mapping_role", orEmpty(properties.mappingRole()));
			placeholders.put("operator_role", orEmpty(properties.operatorRole()));
			configuration.placeholders(placeholders);
		};
	}

	private static String orEmpty(@Nullable String role) {
		return (role != null) ? role : "";
	}

}
