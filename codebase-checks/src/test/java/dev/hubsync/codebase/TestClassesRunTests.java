package dev.hubsync.codebase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test class in the tree runs in {@code ./mvnw verify}: its name is one Surefire
 * ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}) or Failsafe
 * ({@code *IT}) runs, and, after a build that ran the module's tests, the module's
 * reports hold it. A class named otherwise compiles and never runs, which is how three
 * test classes the README cited went unrun.
 */
class TestClassesRunTests {

	private static final System.Logger logger = System.getLogger(TestClassesRunTests.class.getName());

	private static final Pattern TEST_ANNOTATION = Pattern.compile(
			"^\\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example|ArchTest)\\b",
			Pattern.MULTILINE);

	private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

	private static final Pattern SUREFIRE = Pattern.compile("Test\\w*|\\w*Test|\\w*Tests|\\w*TestCase");

	private static final String SELF = "codebase-checks";

	@Test
	void everyTestClassHasANameTheBuildRuns() {
		List<TestClass> classes = testClasses();
		List<String> unrun = classes.stream()
			.filter((test) -> test.kind() == Kind.NEVER)
			.map((test) -> test.module() + ": " + test.name() + " (name it *Tests for Surefire or *IT for Failsafe)")
			.toList();
		long unit = classes.stream().filter((test) -> test.kind() == Kind.UNIT).count();
		long integration = classes.stream().filter((test) -> test.kind() == Kind.INTEGRATION).count();
		logger.log(System.Logger.Level.INFO, "{0} test classes in the tree: {1} run by Surefire, {2} by Failsafe",
				classes.size(), unit, integration);
		assertThat(classes).as("test classes found under */src/test/java").hasSizeGreaterThan(50);
		assertThat(unrun).as("test classes no plugin runs").isEmpty();
	}

	@Test
	void everyTestClassRanInTheLastBuildOfItsModule() {
		if (System.getProperty("test") != null || System.getProperty("it.test") != null) {
			logger.log(System.Logger.Level.INFO,
					"tests were selected by name (-Dtest, -Dit.test): " + "reports are not compared with the tree");
			return;
		}
		String started = System.getProperty("hubsync.build.started");
		Instant since = (started != null) ? Instant.parse(started) : Instant.EPOCH;
		List<String> missing = new ArrayList<>();
		int compared = 0;
		for (TestClass test : testClasses()) {
			if (test.module().equals(SELF) || test.kind() == Kind.NEVER) {
				continue;
			}
			Path reports = Repository.ROOT.resolve(test.module())
				.resolve("target")
				.resolve((test.kind() == Kind.UNIT) ? "surefire-reports" : "failsafe-reports");
			if (!ranSince(reports, since)) {
				continue; // the module's tests of this kind did not run in this build
			}
			compared++;
			if (!Files.exists(reports.resolve("TEST-" + test.name() + ".xml"))) {
				missing.add(test.module() + ": " + test.name() + " has no report in "
						+ Repository.ROOT.relativize(reports));
			}
		}
		logger.log(System.Logger.Level.INFO, "{0} test classes compared with the reports of this build", compared);
		assertThat(missing).as("test classes that did not run").isEmpty();
	}

	/** Whether a reports directory has a report written since a time. */
	private static boolean ranSince(Path reports, Instant since) {
		if (!Files.isDirectory(reports)) {
			return false;
		}
		try (Stream<Path> files = Files.list(reports)) {
			return files
				.anyMatch((file) -> file.getFileName().toString().startsWith("TEST-") && modified(file).isAfter(since));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Instant modified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toInstant();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<TestClass> testClasses() {
		List<TestClass> classes = new ArrayList<>();
		for (String module : Repository.modules()) {
			for (Path file : Repository.javaFiles(Repository.ROOT.resolve(module).resolve("src/test/java"))) {
				String simpleName = file.getFileName().toString().replace(".java", "");
				String text = Repository.read(file);
				if (simpleName.equals("package-info") || !TEST_ANNOTATION.matcher(text).find()
						|| text.contains("abstract class " + simpleName)) {
					continue;
				}
				Matcher packageName = PACKAGE.matcher(text);
				String name = (packageName.find() ? packageName.group(1) + "." : "") + simpleName;
				Kind kind = simpleName.endsWith("IT") ? Kind.INTEGRATION
						: SUREFIRE.matcher(simpleName).matches() ? Kind.UNIT : Kind.NEVER;
				classes.add(new TestClass(module, name, kind));
			}
		}
		return classes;
	}

	enum Kind {

		UNIT, INTEGRATION, NEVER

	}

	record TestClass(String module, String name, Kind kind) {
	}

}
