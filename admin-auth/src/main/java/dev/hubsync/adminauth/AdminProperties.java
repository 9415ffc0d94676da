package dev.hubsync.adminauth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin API's keys ({@code hubsync.admin.*}) of a service that sets
 * {@code hubsync.admin.enabled=true}: at least one is required. Each key has a name,
 * which the audit trail records as the caller: {@code admin} for
 * {@code hubsync.admin.api-key}, {@code <name>} for
 * {@code hubsync.admin.api-keys.<name>}.
 * <p>
 * The keys are checked by {@link #keys()}, not by Bean Validation: a bind validation
 * failure prints the rejected value, and a key must never be printed.
 *
 * @param enabled whether the service has an admin API on {@code /api/*} (the services
 * that have one set it in their own properties file; other servlet applications on the
 * same class path, such as the HubSpot emulator, are left alone)
 * @param apiKey the key named {@code admin}, sent as {@code X-HubSync-Api-Key} or
 * {@code Authorization: Bearer}
 * @param apiKeys further keys by name ({@code hubsync.admin.api-keys.<name>=<key>}), one
 * per caller
 * @param allowWeakKeys accept well-known default keys and keys shorter than 32 bytes: for
 * the dev stack and tests only
 */
@ConfigurationProperties("hubsync.admin")
public record AdminProperties(boolean enabled, @Nullable String apiKey, @DefaultValue Map<String, String> apiKeys,
		boolean allowWeakKeys) {

	/** The name of the key set as {@code hubsync.admin.api-key}. */
	public static final String ADMIN = "admin";

	/** The fewest bytes a key has (unless weak keys are allowed). */
	public static final int MIN_BYTES = 32;

	/** Keys from documentation and examples, refused unless weak keys are allowed. */
	static final Set<String> KNOWN_DEFAULTS = Set.of("dev-admin-key", "replace-with-a-long-random-key", "changeme",
			"change-me", "admin", "secret");

	private static final String API_KEY = "hubsync.admin.api-key";

	private static final String API_KEYS = "hubsync.admin.api-keys.";

	private static final String RANDOM = "a random key of at least " + MIN_BYTES
			+ " bytes, e.g. the output of `openssl rand -base64 33`";

	private static final String HOW = "set it to " + RANDOM;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	/**
	 * Binds the properties; absent named keys are none.
	 * @param enabled whether the service has an admin API
	 * @param apiKey the key named {@code admin}
	 * @param apiKeys further keys by name
	 * @param allowWeakKeys accept weak keys
	 */
	public AdminProperties {
		apiKeys = Map.copyOf(apiKeys);
	}

	/**
	 * The keys by name, checked: at least one is set, none is blank, no two are the same,
	 * and, unless {@link #allowWeakKeys()}, none is a well-known default or shorter than
	 * {@value #MIN_BYTES} bytes. A refusal's message names the property at fault, never
	 * its value.
	 * @return the keys by caller name, in name order
	 * @throws IllegalStateException when the keys are refused
	 */
	public Map<String, String> keys() {
		Map<String, String> keys = new TreeMap<>();
		Map<String, String> properties = new LinkedHashMap<>();
		if (this.apiKey != null && !this.apiKey.isBlank()) {
			keys.put(ADMIN, this.apiKey);
			properties.put(ADMIN, API_KEY);
		}
		for (Map.Entry<String, String> named : new TreeMap<>(this.apiKeys).entrySet()) {
			String name = named.getKey();
			String property = API_KEYS + name;
			if (!NAME.matcher(name).matches()) {
				throw new IllegalStateException(
						property + ": a key's name is 1 to 64 letters, digits, '.', '_' or '-' (it is the caller "
								+ "the audit trail records)");
			}
			if (keys.containsKey(name)) {
				throw new IllegalStateException(
						property + " and " + API_KEY + " both name a key '" + ADMIN + "'; set only one of them");
			}
			if (named.getValue().isBlank()) {
				throw new IllegalStateException(property + " is blank; " + HOW);
			}
			keys.put(name, named.getValue());
			properties.put(name, property);
		}
		if (keys.isEmpty()) {
			throw new IllegalStateException(API_KEY + " (or " + API_KEYS + "<name>) is required; " + HOW);
		}
		List<String> names = new ArrayList<>(keys.keySet());
		for (int i = 0; i < names.size(); i++) {
			String key = keys.get(names.get(i));
			String property = properties.get(names.get(i));
			for (int j = i + 1; j < names.size(); j++) {
				if (key.equals(keys.get(names.get(j)))) {
					throw new IllegalStateException(property + " and " + properties.get(names.get(j))
							+ " are the same key; give each caller its own, " + RANDOM);
				}
			}
			if (this.allowWeakKeys) {
				continue;
			}
			if (KNOWN_DEFAULTS.contains(key.strip().toLowerCase(Locale.ROOT))) {
				throw new IllegalStateException(property + " is a well-known default key and is refused; " + HOW
						+ " (hubsync.admin.allow-weak-keys=true accepts it, for a development stack only)");
			}
			if (key.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
				throw new IllegalStateException(property + " is shorter than " + MIN_BYTES + " bytes and is refused; "
						+ HOW + " (hubsync.admin.allow-weak-keys=true accepts it, for a development stack only)");
			}
		}
		return keys;
	}

}
