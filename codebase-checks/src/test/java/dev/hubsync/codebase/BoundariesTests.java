package dev.hubsync.codebase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module graph and package rules of the design (ARCHITECTURE §1), checked on the
 * compiled main classes of every module (each module has a root package of its own) and
 * on the modules' declared dependencies.
 */
class BoundariesTests {

	/** Each module's root package. */
	static final Map<String, String> ROOT_PACKAGES = Map.ofEntries(Map.entry("common-events", "dev.hubsync.events"),
			Map.entry("hubspot-client", "dev.hubsync.hubspot"), Map.entry("embedded-infra", "dev.hubsync.infra"),
			Map.entry("hubspot-emulator", "dev.hubsync.emulator"), Map.entry("webhook-ingress", "dev.hubsync.ingress"),
			Map.entry("outbound-publisher", "dev.hubsync.publisher"),
			Map.entry("mapping-engine", "dev.hubsync.mapping"), Map.entry("admin-auth", "dev.hubsync.adminauth"),
			Map.entry("mapping-service", "dev.hubsync.mappingservice"), Map.entry("sync-worker", "dev.hubsync.worker"),
			Map.entry("ops-cli", "dev.hubsync.ops"), Map.entry("dev-stack", "dev.hubsync.devstack"),
			Map.entry("benchmarks", "dev.hubsync.benchmarks"), Map.entry("chaos", "dev.hubsync.chaos"));

	/** The four services: none depends on another. */
	static final List<String> SERVICES = List.of("webhook-ingress", "outbound-publisher", "mapping-service",
			"sync-worker");

	/**
	 * What may run the system's test stand-ins (the embedded broker and database, the
	 * HubSpot emulator) from main code: the tools that start the whole system.
	 */
	static final List<String> RUNNERS = List.of("dev-stack", "chaos", "benchmarks");

	private static final Pattern DEPENDENCY = Pattern.compile(
			"<dependency>\\s*<groupId>dev\\.hubsync</groupId>\\s*<artifactId>([\\w-]+)</artifactId>(.*?)</dependency>",
			Pattern.DOTALL);

	private static JavaClasses main;

	@BeforeAll
	static void importMainClasses() {
		List<Path> outputs = new ArrayList<>();
		for (String module : ROOT_PACKAGES.keySet()) {
			Path classes = Repository.ROOT.resolve(module).resolve("target/classes");
			assertThat(classes).as("%s is built before these checks (run them in the reactor)", module).isDirectory();
			outputs.add(classes);
		}
		main = new ClassFileImporter().importPaths(outputs);
	}

	@Test
	void everyModuleHasItsRootPackage() {
		assertThat(Repository.modules()).as("modules of the root pom")
			.containsAll(ROOT_PACKAGES.keySet())
			.contains("codebase-checks");
		ROOT_PACKAGES.forEach((module, root) -> assertThat(Repository
			.javaFiles(Repository.ROOT.resolve(module).resolve("src/main/java"))
			.stream()
			.map(Repository::read)
			.filter((text) -> !text.contains("package " + root + ";") && !text.contains("package " + root + "."))
			.toList()).as("%s's main classes are in %s", module, root).isEmpty());
	}

	@Test
	void servicesNeverDependOnEachOther() {
		for (String service : SERVICES) {
			String[] others = SERVICES.stream()
				.filter((other) -> !other.equals(service))
				.map((other) -> ROOT_PACKAGES.get(other) + "..")
				.toArray(String[]::new);
			ArchRule rule = noClasses().that()
				.resideInAPackage(ROOT_PACKAGES.get(service) + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(others)
				.because("the services talk through Kafka and HTTP, never through each other's code");
			rule.check(main);
		}
	}

	@Test
	void commonEventsImportsNoSpring() {
		noClasses().that()
			.resideInAPackage("dev.hubsync.events..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.because("the event records are read by every service and tool, with or without Spring")
			.check(main);
	}

	@Test
	void testStandInsRunOnlyFromTheToolsThatStartTheSystem() {
		String[] runners = RUNNERS.stream().map((runner) -> ROOT_PACKAGES.get(runner) + "..").toArray(String[]::new);
		noClasses().that()
			.resideOutsideOfPackages(runners)
			.and()
			.resideOutsideOfPackages("dev.hubsync.infra..", "dev.hubsync.emulator..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.hubsync.infra..", "dev.hubsync.emulator..")
			.because("the embedded infrastructure and the HubSpot emulator are for tests and the dev stack")
			.check(main);
	}

	@Test
	void librariesDependOnNoServiceOrTool() {
		String[] upper = List
			.of("webhook-ingress", "outbound-publisher", "mapping-service", "sync-worker", "ops-cli", "dev-stack",
					"benchmarks", "chaos")
			.stream()
			.map((module) -> ROOT_PACKAGES.get(module) + "..")
			.toArray(String[]::new);
		noClasses().that()
			.resideInAnyPackage("dev.hubsync.events..", "dev.hubsync.hubspot..", "dev.hubsync.mapping..",
					"dev.hubsync.adminauth..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(upper)
			.check(main);
	}

	@Test
	void packagesInsideAModuleHaveNoCycles() {
		slices().matching("dev.hubsync.(*).(*)..")
			.namingSlices("$1.$2")
			.should()
			.beFreeOfCycles()
			// being removed: the emulator's features read their settings from its config
			// package, which wires them; the client's OAuth and transport packages
			.ignoreDependency(resideInAPackage("dev.hubsync.emulator.."), alwaysTrue())
			.ignoreDependency(resideInAPackage("dev.hubsync.hubspot.transport.."),
					resideInAPackage("dev.hubsync.hubspot.oauth.."))
			.because("a feature package that imports another imported by it is one feature, or two that need a third")
			.check(main);
	}

	@Test
	void declaredDependenciesFollowTheModuleGraph() {
		List<String> broken = new ArrayList<>();
		for (String module : ROOT_PACKAGES.keySet()) {
			Path pom = Repository.ROOT.resolve(module).resolve("pom.xml");
			if (!Files.exists(pom)) {
				continue;
			}
			Matcher dependency = DEPENDENCY.matcher(Repository.read(pom));
			while (dependency.find()) {
				String target = dependency.group(1);
				String details = dependency.group(2);
				boolean runtime = !details.contains("<scope>test</scope>") && !details.contains("<type>pom</type>");
				if (SERVICES.contains(module) && SERVICES.contains(target) && runtime) {
					broken.add(module + " depends on the service " + target);
				}
				if ((target.equals("embedded-infra") || target.equals("hubspot-emulator")) && runtime
						&& !RUNNERS.contains(module) && !module.equals("hubspot-emulator")) {
					broken.add(module + " depends on " + target + " outside its tests");
				}
			}
		}
		assertThat(broken).as("dependencies against the module graph").isEmpty();
	}

}
