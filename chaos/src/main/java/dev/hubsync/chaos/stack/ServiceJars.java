package dev.hubsync.chaos.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the services' runnable jars in a built checkout:
 * {@code <root>/<module>/target/<jar>}.
 *
 * @param root the checkout's root directory
 */
public record ServiceJars(Path root) {

	/**
	 * Finds the checkout from a starting directory: the nearest directory, walking up,
	 * that holds {@code sync-worker/target/sync-worker.jar}.
	 * @param from where to start, e.g. the working directory or {@code chaos/target}
	 * @return the jars
	 * @throws IllegalStateException when no built checkout is found
	 */
	public static ServiceJars find(Path from) {
		for (Path dir = from.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(
					dir.resolve(ServiceKind.WORKER.module()).resolve("target").resolve(ServiceKind.WORKER.jar()))) {
				return new ServiceJars(dir);
			}
		}
		throw new IllegalStateException("no built HubSync checkout above " + from.toAbsolutePath()
				+ ": build the services first (./mvnw -q -DskipTests package -pl chaos -am) or pass --root");
	}

	/**
	 * Returns a service's jar.
	 * @param kind the service
	 * @return the jar's path
	 */
	public Path jar(ServiceKind kind) {
		return this.root.resolve(kind.module()).resolve("target").resolve(kind.jar());
	}

	/**
	 * Checks that every jar exists.
	 * @throws IllegalStateException naming the missing ones
	 */
	public void verify() {
		List<String> missing = new ArrayList<>();
		for (ServiceKind kind : ServiceKind.values()) {
			if (!Files.isRegularFile(jar(kind))) {
				missing.add(jar(kind).toString());
			}
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("missing runnable jars " + missing
					+ ": build them with ./mvnw -q -DskipTests package -pl chaos -am");
		}
	}

}
