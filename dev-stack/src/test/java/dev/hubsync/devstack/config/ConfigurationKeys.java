package dev.hubsync.devstack.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.json.JsonParserFactory;

/**
 * The configuration keys a HubSync service binds, read from the
 * {@code META-INF/spring-configuration-metadata.json} files on the class path: the
 * services' own (generated from their {@code @ConfigurationProperties} records by Spring
 * Boot's configuration processor) and Spring Boot's. Checks environment variables as
 * Spring's relaxed binding reads them ({@code HUBSYNC_WORKER_MAXBATCH} is
 * {@code hubsync.worker.max-batch}).
 */
public final class ConfigurationKeys {

	/** The HubSync modules whose keys each service binds (its own and its libraries'). */
	private static final Map<String, Set<String>> MODULES = Map.of("webhook-ingress", Set.of("webhook-ingress"),
			"mapping-service", Set.of("mapping-service", "hubspot-client", "admin-auth"), "sync-worker",
			Set.of("sync-worker", "hubspot-client", "admin-auth"), "outbound-publisher", Set.of("outbound-publisher"),
			"hubspot-emulator", Set.of("hubspot-emulator"));

	private static final Set<String> ALL_MODULES = Set.of("webhook-ingress", "mapping-service", "sync-worker",
			"outbound-publisher", "hubspot-emulator", "hubspot-client", "admin-auth");

	/** Keys per HubSync module; Spring Boot's under {@code ""}. */
	private final Map<String, Set<String>> exact = new HashMap<>();

	/** Map-typed keys ({@code logging.level}) per module, whose entries are free. */
	private final Map<String, Set<String>> prefixes = new HashMap<>();

	private ConfigurationKeys() {
	}

	/**
	 * Reads every metadata file on the class path.
	 * @return the keys
	 * @throws IOException when a file cannot be read
	 */
	public static ConfigurationKeys load() throws IOException {
		ConfigurationKeys keys = new ConfigurationKeys();
		Enumeration<URL> files = ConfigurationKeys.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (files.hasMoreElements()) {
			URL url = files.nextElement();
			String module = moduleOf(url.toString());
			try (InputStream in = url.openStream()) {
				Map<String, Object> json = JsonParserFactory.getJsonParser()
					.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				Object properties = json.get("properties");
				if (!(properties instanceof List<?> list)) {
					continue;
				}
				for (Object entry : list) {
					Map<?, ?> property = (Map<?, ?>) entry;
					String canonical = canonical((String) property.get("name"));
					Object type = property.get("type");
					boolean isMap = type instanceof String name && name.startsWith("java.util.Map");
					(isMap ? keys.prefixes : keys.exact).computeIfAbsent(module, (m) -> new HashSet<>()).add(canonical);
				}
			}
		}
		return keys;
	}

	/**
	 * Returns how many keys a HubSync module declares.
	 * @param module the module's artifact id
	 * @return the number of keys
	 */
	public int declaredBy(String module) {
		return this.exact.getOrDefault(module, Set.of()).size() + this.prefixes.getOrDefault(module, Set.of()).size();
	}

	/**
	 * Returns the environment variables of a service that bind to no key it declares.
	 * @param service the service's module (artifact id)
	 * @param variables the environment variable names
	 * @return the unknown ones
	 */
	public List<String> unknown(String service, Iterable<String> variables) {
		Set<String> modules = MODULES.get(service);
		if (modules == null) {
			throw new IllegalArgumentException("not a HubSync service: " + service);
		}
		List<String> unknown = new ArrayList<>();
		for (String variable : variables) {
			if (!binds(modules, variable)) {
				unknown.add(variable);
			}
		}
		return unknown;
	}

	private boolean binds(Set<String> modules, String variable) {
		String canonical = variable.toUpperCase(Locale.ROOT);
		List<String> owners = new ArrayList<>(modules);
		owners.add("");
		for (String owner : owners) {
			if (this.exact.getOrDefault(owner, Set.of()).contains(canonical)) {
				return true;
			}
			for (String prefix : this.prefixes.getOrDefault(owner, Set.of())) {
				if (canonical.startsWith(prefix + "_")) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Returns a property name in the form of an environment variable.
	 * @param property e.g. {@code hubsync.worker.outbound.max-batch}
	 * @return e.g. {@code HUBSYNC_WORKER_OUTBOUND_MAXBATCH}
	 */
	public static String canonical(String property) {
		return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	private static String moduleOf(String url) {
		for (String module : ALL_MODULES) {
			if (url.contains("/" + module + "/target/") || url.contains("/" + module + "-")) {
				return module;
			}
		}
		return "";
	}

}
