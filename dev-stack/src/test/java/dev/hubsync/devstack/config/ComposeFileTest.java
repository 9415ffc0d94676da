package dev.hubsync.devstack.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} against the code: every environment variable of a HubSync
 * service binds to a configuration key that service declares, the ports are the dev
 * stack's, every service has a health check, each service logs in to PostgreSQL as its
 * own role of {@code deploy/postgres/roles.sql} (which the database's first start
 * creates), every Kafka client authenticates with SASL/SCRAM to a broker that has no
 * unauthenticated listener a client can reach ({@code deploy/kafka}), and Debian's
 * {@code docker-compose config} accepts the file where it is installed.
 */
class ComposeFileTest {

	static final Path COMPOSE = Path.of("..", "docker-compose.yml");

	static final Path ROLES = Path.of("..", "deploy", "postgres", "roles.sql");

	static final Path INIT_ROLES = Path.of("..", "deploy", "postgres", "init-roles.sh");

	static final Path DEMO_MIGRATIONS = Path.of("..", "embedded-infra", "src", "main", "resources", "db",
			"demo-platform");

	static final Path KAFKA_SERVER = Path.of("..", "deploy", "kafka", "server.properties");

	static final Path KAFKA_START = Path.of("..", "deploy", "kafka", "start.sh");

	private static final String KAFKA_PASSWORD = "${HUBSYNC_KAFKA_PASSWORD:?";

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
		// the worker grants the other roles what they need on its own tables, which
		// roles.sql cannot name (they do not exist when it runs)
		assertThat(environment(services.get("sync-worker")))
			.containsEntry("HUBSYNC_WORKER_GRANTS_MAPPINGROLE", "hubsync_mapping")
			.containsEntry("HUBSYNC_WORKER_GRANTS_OPERATORROLE", "hubsync_operator");
		assertThat(roles).doesNotContain("GRANT INSERT, UPDATE ON hubsync.dlt_redrive");
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
		assertThat(initScripts).isSorted();
		assertThat(initScripts.get(initScripts.size() - 1)).isEqualTo("20-hubsync-roles.sh:ro");
		// every demo migration, in version order, before the roles granted on its tables
		List<String> migrations;
		try (var files = Files.list(DEMO_MIGRATIONS)) {
			migrations = files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.matches("V\\d+__.*\\.sql"))
				.sorted(java.util.Comparator
					.comparingInt((String name) -> Integer.parseInt(name.substring(1, name.indexOf("__")))))
				.toList();
		}
		List<String> mounted = volumes.stream()
			.filter((volume) -> volume.contains("/docker-entrypoint-initdb.d/") && volume.contains("/demo-platform/"))
			.map((volume) -> volume.substring(volume.lastIndexOf("/demo-platform/") + "/demo-platform/".length(),
					volume.indexOf(':')))
			.toList();
		assertThat(mounted).as("the demo schema's migrations, mounted in order").isEqualTo(migrations);
		// and the script sets every variable roles.sql uses
		String script = Files.readString(INIT_ROLES);
		Set<String> variables = matches(roles, ":'(\\w+)'");
		assertThat(variables).isNotEmpty();
		assertThat(matches(script, "-v (\\w+)=")).containsAll(variables);
		assertThat(script).contains("-f /hubsync/roles.sql").contains("ON_ERROR_STOP=1");
		assertThat(Files.isExecutable(INIT_ROLES)).as("executed, not sourced, by the entrypoint").isTrue();
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyKafkaClientAuthenticatesWithScram() {
		List<String> clients = new ArrayList<>();
		services.forEach((name, service) -> {
			Map<String, Object> environment = environment(service);
			Object dependsOn = service.get("depends_on");
			boolean usesKafka = environment.keySet().stream().anyMatch((key) -> key.startsWith("SPRING_KAFKA_"))
					|| (dependsOn instanceof Map<?, ?> map && map.containsKey("kafka"))
					|| (dependsOn instanceof List<?> list && list.contains("kafka"));
			if (!usesKafka || "kafka".equals(name)) {
				return;
			}
			clients.add(name);
			assertThat(environment).as(name)
				.containsEntry("SPRING_KAFKA_BOOTSTRAPSERVERS", "kafka:19092")
				.containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
				.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
			assertThat(String.valueOf(environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))).as(name)
				.startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"hubsync\"")
				.contains("password=\"" + KAFKA_PASSWORD);
			// and Spring Boot binds the variables into every client it builds (the
			// map's keys from environment variables are the Kafka settings)
			KafkaProperties bound = kafkaProperties(environment, "a-test-password-0123");
			Map<String, Object> producer = bound.buildProducerProperties();
			Map<String, Object> consumer = bound.buildConsumerProperties();
			Map<String, Object> admin = bound.buildAdminProperties();
			for (Map<String, Object> client : List.of(producer, consumer, admin)) {
				assertThat(client).as(name)
					.containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT")
					.containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
					.containsEntry(SaslConfigs.SASL_JAAS_CONFIG,
							"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"hubsync\""
									+ " password=\"a-test-password-0123\";");
			}
		});
		assertThat(clients).as("services with Kafka clients")
			.contains("webhook-ingress", "mapping-service", "sync-worker", "outbound-publisher");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theBrokerHasNoUnauthenticatedListenerAClientCanReach() throws IOException {
		Properties broker = new Properties();
		try (Reader in = Files.newBufferedReader(KAFKA_SERVER)) {
			broker.load(in);
		}
		Map<String, String> protocols = new LinkedHashMap<>();
		for (String entry : broker.getProperty("listener.security.protocol.map").split(",")) {
			String[] parts = entry.trim().split(":");
			protocols.put(parts[0], parts[1]);
		}
		String controller = broker.getProperty("controller.listener.names");
		assertThat(controller).isEqualTo("CONTROLLER");
		Map<String, String> listeners = new LinkedHashMap<>();
		for (String listener : broker.getProperty("listeners").split(",")) {
			Matcher matcher = Pattern.compile("(\\w+)://(.*)").matcher(listener.trim());
			assertThat(matcher.matches()).as(listener).isTrue();
			listeners.put(matcher.group(1), matcher.group(2));
		}
		listeners.forEach((name, address) -> {
			if (name.equals(controller)) {
				// no client traffic, and bound to the container's own loopback
				assertThat(address).as("the controller listener").matches("(localhost|127\\.0\\.0\\.1):\\d+");
			}
			else {
				assertThat(protocols.get(name)).as("listener %s", name).isIn("SASL_PLAINTEXT", "SASL_SSL");
			}
		});
		assertThat(broker.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
		assertThat(broker.getProperty("sasl.mechanism.inter.broker.protocol")).isEqualTo("SCRAM-SHA-512");
		assertThat(protocols.get(broker.getProperty("inter.broker.listener.name"))).startsWith("SASL_");
		assertThat(broker.getProperty("controller.quorum.voters")).isEqualTo("1@localhost:9093");
		// the one published port is a SASL listener's
		Map<String, Object> kafka = services.get("kafka");
		List<String> ports = (List<String>) kafka.get("ports");
		assertThat(ports).containsExactly("127.0.0.1:9092:9092");
		assertThat(listeners).containsEntry("EXTERNAL", ":9092");
		assertThat(protocols.get("EXTERNAL")).isEqualTo("SASL_PLAINTEXT");
		// the broker runs from these files, its password required; the image's own
		// KAFKA_* variables would be ignored, so there are none
		assertThat((List<String>) kafka.get("volumes")).contains(
				"./deploy/kafka/server.properties:/hubsync/kafka/server.properties:ro",
				"./deploy/kafka/start.sh:/hubsync/kafka/start.sh:ro");
		assertThat(kafka.get("command")).isEqualTo(List.of("/bin/sh", "/hubsync/kafka/start.sh"));
		Map<String, Object> environment = environment(kafka);
		assertThat(environment.keySet()).noneMatch((key) -> key.startsWith("KAFKA_"));
		assertThat(String.valueOf(environment.get("HUBSYNC_KAFKA_PASSWORD"))).startsWith(KAFKA_PASSWORD);
		assertThat(String.valueOf(environment.get("CLUSTER_ID"))).matches("[A-Za-z0-9_-]{22}");
		// the SCRAM user the clients log in as is made when the storage is formatted,
		// and both client listeners get the JAAS settings
		String start = Files.readString(KAFKA_START);
		assertThat(start).contains("--add-scram \"SCRAM-SHA-512=[name=hubsync,password=$password]\"")
			.contains("--ignore-formatted")
			.contains("listener.name.internal.scram-sha-512.sasl.jaas.config=")
			.contains("listener.name.external.scram-sha-512.sasl.jaas.config=")
			.contains("username=\\\"hubsync\\\"")
			.contains("exec /opt/kafka/bin/kafka-server-start.sh");
		assertThat(kafka.get("healthcheck").toString()).contains("--command-config");
	}

	private static KafkaProperties kafkaProperties(Map<String, Object> environment, String password) {
		Map<String, Object> resolved = new LinkedHashMap<>();
		environment.forEach((key, value) -> resolved.put(key,
				String.valueOf(value).replaceAll("\\$\\{HUBSYNC_KAFKA_PASSWORD:\\?[^}]*}", password)));
		SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, resolved);
		return new Binder(ConfigurationPropertySources.from(source)).bind("spring.kafka", KafkaProperties.class).get();
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
		builder.environment().put("HUBSYNC_KAFKA_PASSWORD", "a-test-password-0123");
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
