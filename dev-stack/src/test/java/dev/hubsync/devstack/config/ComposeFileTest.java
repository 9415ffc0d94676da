package dev.hubsync.devstack.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} against the code: every environment variable of a HubSync
 * service binds to a configuration key that service declares, the ports are the dev
 * stack's, every service has a health check, each service logs in to PostgreSQL as its
 * own role of {@code deploy/postgres/roles.sql} (which the database's first start
 * creates), and Debian's {@code docker-compose config} accepts the file where it is
 * installed.
 */
class ComposeFileTest {

	static final Path COMPOSE = Path.of("..", "docker-compose.yml");

	static final Path ROLES = Path.of("..", "deploy", "postgres", "roles.sql");

	static final Path INIT_ROLES = Path.of("..", "deploy", "postgres", "init-roles.sh");

	/** Each service's role and the variable holding its password. */
	private static final Map<String, List<String>> LOGINS = Map.of("mapping-service",
			List.of("hubsync_mapping", "HUBSYNC_MAPPING_DB_PASSWORD"), "sync-worker",
			List.of("hubsync_worker", "HUBSYNC_WORKER_DB_PASSWORD"), "outbound-publisher",
			List.of("hubsync_publisher", "HUBSYNC_PUBLISHER_DB_PASSWORD"));

	private static Map<String, Map<String, Object>> services;

	private static ConfigurationKeys keys;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void read() throws IOException {
		try (InputStream in = Files.newInputStream(COMPOSE)) {
			Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			services = (Map<String, Map<String, Object>>) compose.get("services");
		}
		keys = ConfigurationKeys.load();
	}

	@Test
	void everyEnvironmentVariableOfAServiceIsOneOfItsConfigurationKeys() {
		List<String> checked = new ArrayList<>();
		hubSyncServices().forEach((module, service) -> {
			assertThat(keys.declaredBy(module)).as("configuration metadata of %s on the class path", module)
				.isPositive();
			Map<String, Object> environment = environment(service);
			assertThat(keys.unknown(module, environment.keySet())).as("variables of %s that bind to nothing", module)
				.isEmpty();
			checked.add(module);
		});
		assertThat(checked).containsExactlyInAnyOrder("hubspot-emulator", "webhook-ingress", "mapping-service",
				"sync-worker", "outbound-publisher");
	}

	@Test
	void theCheckCatchesAMisspelledOrForeignKey() {
		assertThat(keys.unknown("sync-worker",
				List.of("HUBSYNC_WORKER_OUTBOUND_LINGER", "SPRING_KAFKA_BOOTSTRAPSERVERS", "LOGGING_LEVEL_ORG_APACHE")))
			.isEmpty();
		assertThat(keys.unknown("sync-worker", List.of("HUBSYNC_WORKER_OUTBOUND_LINGERR", "HUBSYNC_INGRESS_PATH")))
			.containsExactly("HUBSYNC_WORKER_OUTBOUND_LINGERR", "HUBSYNC_INGRESS_PATH");
	}

	@Test
	void servicesUseTheDevStackPortsAndHaveHealthChecks() {
		Map<String, String> ports = new LinkedHashMap<>();
		services.forEach((name, service) -> {
			Object published = service.get("ports");
			if (published instanceof List<?> list && !list.isEmpty()) {
				ports.put(name, String.valueOf(list.get(0)));
			}
		});
		// published on loopback only (the ingress where HUBSYNC_INGRESS_BIND says)
		assertThat(ports).containsEntry("kafka", "127.0.0.1:9092:9092")
			.containsEntry("postgres", "127.0.0.1:55432:5432")
			.containsEntry("hubspot-emulator", "127.0.0.1:8090:8090")
			.containsEntry("webhook-ingress", "${HUBSYNC_INGRESS_BIND:-127.0.0.1}:8080:8080")
			.containsEntry("mapping-service", "127.0.0.1:8081:8081")
			.containsEntry("sync-worker", "127.0.0.1:8082:8082")
			.containsEntry("outbound-publisher", "127.0.0.1:8083:8083");
		services.forEach((name, service) -> {
			if (!"webhook-ingress".equals(name) && service.get("ports") instanceof List<?> list) {
				assertThat(list).as("%s publishes only on loopback", name)
					.allSatisfy((port) -> assertThat(String.valueOf(port)).startsWith("127.0.0.1:"));
			}
		});
		assertThat(services.get("postgres").get("environment").toString()).as("no default database password")
			.contains("POSTGRES_PASSWORD=${POSTGRES_PASSWORD:?");
		assertThat(services.get("grafana").get("environment").toString()).contains("GF_AUTH_ANONYMOUS_ENABLED=false")
			.contains("GF_SECURITY_ADMIN_PASSWORD=${GRAFANA_ADMIN_PASSWORD:?");
		for (String name : List.of("kafka", "postgres", "hubspot-emulator", "webhook-ingress", "mapping-service",
				"sync-worker", "outbound-publisher")) {
			assertThat(services.get(name)).as(name).containsKey("healthcheck");
		}
		assertThat(services.get("postgres").get("command").toString()).contains("wal_level=logical");
		assertThat(services.get("hubspot-emulator").get("profiles")).isEqualTo(List.of("emulator"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void eachServiceLogsInAsItsOwnRoleWhichTheDatabasesFirstStartCreates() throws IOException {
		String roles = Files.readString(ROLES);
		Set<String> created = matches(roles, "(?m)^CREATE ROLE (\\w+)");
		assertThat(created).containsExactlyInAnyOrder("hubsync_publisher", "hubsync_worker", "hubsync_mapping",
				"hubsync_operator");
		hubSyncServices().forEach((module, service) -> {
			Map<String, Object> environment = environment(service);
			List<String> login = LOGINS.get(module);
			if (login == null) {
				assertThat(environment).as(module).doesNotContainKey("SPRING_DATASOURCE_USERNAME");
				return;
			}
			assertThat(environment).as(module).containsEntry("SPRING_DATASOURCE_USERNAME", login.get(0));
			assertThat(String.valueOf(environment.get("SPRING_DATASOURCE_PASSWORD"))).as(module)
				.startsWith("${" + login.get(1) + ":?");
		});
		Map<String, Object> postgres = services.get("postgres");
		Map<String, Object> environment = environment(postgres);
		for (String variable : List.of("HUBSYNC_PUBLISHER_DB_PASSWORD", "HUBSYNC_WORKER_DB_PASSWORD",
				"HUBSYNC_MAPPING_DB_PASSWORD", "HUBSYNC_OPERATOR_DB_PASSWORD")) {
			assertThat(String.valueOf(environment.get(variable))).as("required: " + variable)
				.startsWith("${" + variable + ":?");
		}
		// the roles come after the tables they are granted on (the entrypoint runs its
		// scripts in name order), from the file LeastPrivilegeIT tests
		List<String> volumes = (List<String>) postgres.get("volumes");
		assertThat(volumes).contains(
				"./deploy/postgres/init-roles.sh:/docker-entrypoint-initdb.d/20-hubsync-roles.sh:ro",
				"./deploy/postgres/roles.sql:/hubsync/roles.sql:ro");
		List<String> initScripts = volumes.stream()
			.filter((volume) -> volume.contains("/docker-entrypoint-initdb.d/"))
			.map((volume) -> volume.substring(volume.indexOf("initdb.d/") + "initdb.d/".length()))
			.toList();
		assertThat(initScripts).hasSize(3).isSorted();
		assertThat(initScripts.get(initScripts.size() - 1)).isEqualTo("20-hubsync-roles.sh:ro");
		// and the script sets every variable roles.sql uses
		String script = Files.readString(INIT_ROLES);
		Set<String> variables = matches(roles, ":'(\\w+)'");
		assertThat(variables).isNotEmpty();
		assertThat(matches(script, "-v (\\w+)=")).containsAll(variables);
		assertThat(script).contains("-f /hubsync/roles.sql").contains("ON_ERROR_STOP=1");
		assertThat(Files.isExecutable(INIT_ROLES)).as("executed, not sourced, by the entrypoint").isTrue();
	}

	private static Set<String> matches(String text, String regex) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = Pattern.compile(regex).matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	@Test
	void dockerComposeAcceptsTheFile() throws Exception {
		Assumptions.assumeTrue(onPath("docker-compose"),
				"docker-compose is not installed (Debian: apt-get install docker-compose); .ci/run installs it");
		ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "--profile", "emulator",
				"config", "-q")
			.redirectErrorStream(true);
		// the file refuses to start without an admin key (44 characters: openssl rand
		// -base64 33)
		builder.environment().put("HUBSYNC_ADMIN_API_KEY", "q7Vn2Lx9Rk4Wc1Hs8Mz3Tb6Py0Fd5Jg2Na7Ue4Ki9Ow1");
		builder.environment().put("POSTGRES_PASSWORD", "a-test-password");
		builder.environment().put("GRAFANA_ADMIN_PASSWORD", "a-test-password");
		for (String role : List.of("PUBLISHER", "WORKER", "MAPPING", "OPERATOR")) {
			builder.environment().put("HUBSYNC_" + role + "_DB_PASSWORD", "a-test-password");
		}
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	static boolean onPath(String tool) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, tool))) {
				return true;
			}
		}
		return false;
	}

	private static Map<String, Map<String, Object>> hubSyncServices() {
		Map<String, Map<String, Object>> found = new LinkedHashMap<>();
		services.forEach((name, service) -> {
			String image = String.valueOf(service.get("image"));
			if (image.startsWith("hubsync/")) {
				found.put(image.substring("hubsync/".length(), image.indexOf(':')), service);
			}
		});
		return found;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(Map<String, Object> service) {
		Object environment = service.get("environment");
		return (environment instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
