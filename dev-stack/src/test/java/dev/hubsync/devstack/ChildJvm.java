package dev.hubsync.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * What the tests that run the dev stack in a JVM of its own share: the class path to
 * start it with and the collection of its output.
 */
final class ChildJvm {

	private ChildJvm() {
	}

	/**
	 * Returns the test class path (Failsafe's, else this JVM's).
	 * @return the class path
	 */
	static String testClassPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	/**
	 * Collects a process's output, line by line, until it ends.
	 * @param process the process (standard error redirected into its output)
	 * @param output where the lines go; a thread-safe collection
	 */
	static void readLines(Process process, Collection<String> output) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.add(line);
			}
		}
		catch (IOException ex) {
			output.add("(output closed: " + ex.getMessage() + ")");
		}
	}

}
