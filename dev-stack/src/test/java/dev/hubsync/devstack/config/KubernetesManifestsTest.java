package dev.hubsync.devstack.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/kubernetes} parsed into fabric8's typed Kubernetes model, offline: every
 * resource the kustomization lists is a known kind without unknown fields in the parts
 * that matter, every service variable binds to a configuration key, every reference
 * (config map, secret key, port, selector) resolves, every deployment has probes on the
 * health groups and resources, and each service logs in to PostgreSQL as its own role of
 * {@code deploy/postgres/roles.sql} with its own secret key.
 */
class KubernetesManifestsTest {

	static final Path DIRECTORY = Path.of("..", "deploy", "kubernetes");

	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("Namespace", Namespace.class,
			"ConfigMap", ConfigMap.class, "Deployment", Deployment.class, "Service", Service.class,
			"PodDisruptionBudget", PodDisruptionBudget.class, "NetworkPolicy", NetworkPolicy.class);

	private static final Map<String, Integer> PORTS = Map.of("webhook-ingress", 8080, "mapping-service", 8081,
			"sync-worker", 8082, "outbound-publisher", 8083);

	private static final ObjectMapper mapper = new ObjectMapper();

	private static final List<HasMetadata> resources = new ArrayList<>();

	private static ConfigurationKeys keys;

	private static Secret secretExample;

	private static Map<String, Object> kustomization;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void read() throws IOException {
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		try (InputStream in = Files.newInputStream(DIRECTORY.resolve("kustomization.yaml"))) {
			kustomization = yaml.load(in);
		}
		try (InputStream in = Files.newInputStream(DIRECTORY.resolve("secret.example.yaml"))) {
			secretExample = mapper.convertValue(yaml.load(in), Secret.class);
		}
		for (String file : (List<String>) kustomization.get("resources")) {
			try (InputStream in = Files.newInputStream(DIRECTORY.resolve(file))) {
				for (Object document : yaml.loadAll(in)) {
					Map<String, Object> map = (Map<String, Object>) document;
					String kind = (String) map.get("kind");
					assertThat(KINDS).as("kind %s in %s", kind, file).containsKey(kind);
					resources.add(mapper.convertValue(map, KINDS.get(kind)));
				}
			}
		}
		keys = ConfigurationKeys.load();
	}

	@Test
	void theFourServicesAreDeployedWithTheirPorts() {
		assertThat(all(Deployment.class).stream().map((d) -> d.getMetadata().getName()))
			.containsExactlyInAnyOrder("webhook-ingress", "mapping-service", "sync-worker", "outbound-publisher");
		for (Deployment deployment : all(Deployment.class)) {
			Container container = container(deployment);
			String module = container.getImage().substring("hubsync/".length());
			assertThat(module).isEqualTo(deployment.getMetadata().getName());
			assertThat(container.getPorts()).extracting((port) -> port.getName() + ":" + port.getContainerPort())
				.as("the application's port, and the actuator's of its own")
				.containsExactly("http:" + PORTS.get(module), "management:" + (PORTS.get(module) + 1100));
		}
	}

	@Test
	void everyVariableBindsToAConfigurationKeyOfItsService() {
		for (Deployment deployment : all(Deployment.class)) {
			Container container = container(deployment);
			String module = deployment.getMetadata().getName();
			List<String> variables = new ArrayList<>();
			for (EnvFromSource source : container.getEnvFrom()) {
				ConfigMap config = named(ConfigMap.class, source.getConfigMapRef().getName());
				variables.addAll(config.getData().keySet());
			}
			for (EnvVar variable : container.getEnv()) {
				variables.add(variable.getName());
				var secretKey = variable.getValueFrom().getSecretKeyRef();
				assertThat(secretKey.getName()).isEqualTo(secretExample.getMetadata().getName());
				assertThat(secretExample.getStringData()).as("the keys secret.example.yaml lists")
					.containsKey(secretKey.getKey());
			}
			assertThat(variables).as(module).isNotEmpty();
			assertThat(keys.unknown(module, variables)).as("variables of %s that bind to nothing", module).isEmpty();
		}
	}

	@Test
	void eachServiceLogsInToPostgresqlAsItsOwnRoleWithItsOwnSecretKey() throws IOException {
		Map<String, List<String>> logins = Map.of("mapping-service",
				List.of("hubsync_mapping", "mapping-database-password"), "sync-worker",
				List.of("hubsync_worker", "worker-database-password"), "outbound-publisher",
				List.of("hubsync_publisher", "publisher-database-password"));
		String roles = Files.readString(Path.of("..", "deploy", "postgres", "roles.sql"));
		for (Deployment deployment : all(Deployment.class)) {
			String module = deployment.getMetadata().getName();
			Container container = container(deployment);
			Map<String, String> configured = new java.util.HashMap<>();
			for (EnvFromSource source : container.getEnvFrom()) {
				configured.putAll(named(ConfigMap.class, source.getConfigMapRef().getName()).getData());
			}
			List<String> passwordKeys = container.getEnv()
				.stream()
				.filter((variable) -> "SPRING_DATASOURCE_PASSWORD".equals(variable.getName()))
				.map((variable) -> variable.getValueFrom().getSecretKeyRef().getKey())
				.toList();
			List<String> login = logins.get(module);
			if (login == null) {
				assertThat(configured).as(module).doesNotContainKey("SPRING_DATASOURCE_USERNAME");
				assertThat(passwordKeys).as(module).isEmpty();
				continue;
			}
			assertThat(configured).as(module).containsEntry("SPRING_DATASOURCE_USERNAME", login.get(0));
			assertThat(roles).as("roles.sql creates " + login.get(0)).contains("CREATE ROLE " + login.get(0) + " ");
			assertThat(passwordKeys).as(module).containsExactly(login.get(1));
			if ("sync-worker".equals(module)) {
				// the grants on the worker's own tables, which roles.sql cannot name
				assertThat(configured).containsEntry("HUBSYNC_WORKER_GRANTS_MAPPINGROLE", "hubsync_mapping")
					.containsEntry("HUBSYNC_WORKER_GRANTS_OPERATORROLE", "hubsync_operator");
			}
		}
		assertThat(secretExample.getStringData()).as("no password shared by every service")
			.doesNotContainKey("database-password");
	}

	@Test
	void probesUseTheHealthGroupsAndResourcesAreSet() {
		for (Deployment deployment : all(Deployment.class)) {
			Container container = container(deployment);
			String port = "management";
			assertProbe(container.getReadinessProbe(), "/actuator/health/readiness", port);
			assertProbe(container.getLivenessProbe(), "/actuator/health/liveness", port);
			assertProbe(container.getStartupProbe(), "/actuator/health/liveness", port);
			assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
			assertThat(container.getResources().getLimits()).containsKey("memory");
		}
	}

	@Test
	void servicesAndDisruptionBudgetsSelectTheirDeployments() {
		for (Service service : all(Service.class)) {
			Deployment deployment = named(Deployment.class, service.getMetadata().getName());
			assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(service.getSpec().getSelector());
			List<String> containerPorts = container(deployment).getPorts().stream().map((p) -> p.getName()).toList();
			assertThat(service.getSpec().getPorts()).isNotEmpty()
				.allSatisfy((port) -> assertThat(containerPorts).contains(port.getTargetPort().getStrVal()));
			assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
		}
		// the console's overview reads each other service's actuator through its Service
		Map<String, String> worker = named(ConfigMap.class, "sync-worker").getData();
		for (String[] actuator : new String[][] { { "INGRESS", "webhook-ingress", "9180" },
				{ "MAPPING", "mapping-service", "9181" }, { "PUBLISHER", "outbound-publisher", "9183" } }) {
			assertThat(worker).containsEntry("HUBSYNC_CONSOLE_ACTUATORS_" + actuator[0],
					"http://" + actuator[1] + ":" + actuator[2] + "/actuator");
			assertThat(named(Service.class, actuator[1]).getSpec().getPorts())
				.anySatisfy((port) -> assertThat(port.getPort()).isEqualTo(Integer.parseInt(actuator[2])));
		}
		assertThat(all(PodDisruptionBudget.class).stream().map((p) -> p.getMetadata().getName()))
			.contains("sync-worker", "outbound-publisher");
		for (PodDisruptionBudget budget : all(PodDisruptionBudget.class)) {
			Deployment deployment = named(Deployment.class, budget.getMetadata().getName());
			assertThat(deployment.getSpec().getReplicas()).isGreaterThan(1);
			assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theManifestsAreSafeByDefault() {
		assertThat((List<String>) kustomization.get("resources")).as("a placeholder secret is never applied")
			.doesNotContain("secret.yaml", "secret.example.yaml");
		assertThat(all(HasMetadata.class)).noneMatch((resource) -> "Secret".equals(resource.getKind()));
		for (Map<String, Object> image : (List<Map<String, Object>>) kustomization.get("images")) {
			assertThat(String.valueOf(image.get("newTag"))).as("image %s", image.get("name"))
				.doesNotEndWith("SNAPSHOT")
				.isNotEqualTo("latest");
		}
		for (Deployment deployment : all(Deployment.class)) {
			var pod = deployment.getSpec().getTemplate().getSpec();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(pod.getAutomountServiceAccountToken()).isFalse();
			var context = container(deployment).getSecurityContext();
			assertThat(context).as(deployment.getMetadata().getName()).isNotNull();
			assertThat(context.getAllowPrivilegeEscalation()).isFalse();
			assertThat(context.getReadOnlyRootFilesystem()).isTrue();
			assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
			assertThat(container(deployment).getVolumeMounts())
				.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
		}
		NetworkPolicy deny = named(NetworkPolicy.class, "default-deny-ingress");
		assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
		assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
		NetworkPolicy open = named(NetworkPolicy.class, "webhook-ingress-from-anywhere");
		assertThat(open.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name",
				"webhook-ingress");
		assertThat(open.getSpec().getIngress()).singleElement()
			.satisfies((rule) -> assertThat(rule.getPorts()).singleElement()
				.satisfies((port) -> assertThat(port.getPort().getIntVal()).isEqualTo(8080)));
	}

	@Test
	void aMisspelledFieldIsRefused() {
		Map<String, Object> probe = Map.of("httpGet", Map.of("path", "/actuator/health/readiness", "port", "http"),
				"periodSecond", 5);
		assertThat(unknownFields(mapper.convertValue(probe, Probe.class), "probe"))
			.containsExactly("probe.periodSecond");
	}

	@Test
	void noResourceHasAFieldTheModelDoesNotKnow() {
		for (HasMetadata resource : resources) {
			assertThat(unknownFields(resource, resource.getKind() + " " + resource.getMetadata().getName())).isEmpty();
		}
	}

	/**
	 * fabric8's model keeps fields it does not know in {@code additionalProperties}
	 * instead of refusing them, so a misspelled field would pass; this walks the parsed
	 * objects and reports every such field with its path.
	 */
	static List<String> unknownFields(Object object, String path) {
		List<String> unknown = new ArrayList<>();
		walk(object, path, unknown);
		return unknown;
	}

	private static void walk(Object object, String path, List<String> unknown) {
		if (object instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				walk(list.get(i), path + "[" + i + "]", unknown);
			}
			return;
		}
		if (object == null || !object.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (java.lang.reflect.Method getter : object.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object value;
			try {
				value = getter.invoke(object);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			if (getter.getName().equals("getAdditionalProperties")) {
				((Map<?, ?>) value).keySet().forEach((name) -> unknown.add(path + "." + name));
			}
			else {
				String name = getter.getName().substring(3);
				walk(value, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), unknown);
			}
		}
	}

	private static void assertProbe(Probe probe, String path, String port) {
		assertThat(probe).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(port);
	}

	private static Container container(Deployment deployment) {
		List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	private static <T extends HasMetadata> List<T> all(Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static <T extends HasMetadata> T named(Class<T> type, String name) {
		return all(type).stream()
			.filter((resource) -> Objects.equals(resource.getMetadata().getName(), name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
	}

}
