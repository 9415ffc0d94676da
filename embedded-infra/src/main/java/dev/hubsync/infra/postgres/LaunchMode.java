package dev.hubsync.infra.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the PostgreSQL binaries are run. PostgreSQL refuses to run as root, so as root it
 * runs in a user namespace where it is not root, or, where user namespaces are not
 * allowed, as an unprivileged user.
 */
public enum LaunchMode {

	/** As the current (non-root) user. */
	DIRECT,

	/**
	 * As root, inside a new user namespace ({@code unshare -U}), where it appears
	 * unprivileged.
	 */
	USER_NAMESPACE,

	/**
	 * As root, through {@code runuser} as the unprivileged user {@value #RUNUSER_USER}.
	 */
	RUNUSER;

	/** The unprivileged user of {@link #RUNUSER}. */
	public static final String RUNUSER_USER = "nobody";

	/**
	 * Chooses the mode for this process.
	 * @return {@link #DIRECT} unless running as root; then {@link #USER_NAMESPACE} if
	 * {@code unshare -U} works, else {@link #RUNUSER} if {@code runuser} works
	 * @throws IllegalStateException when running as root and neither works
	 */
	public static LaunchMode detect() {
		if (!isRoot()) {
			return DIRECT;
		}
		if (works(List.of("unshare", "-U", "id", "-u"), (output) -> !"0".equals(output))) {
			return USER_NAMESPACE;
		}
		if (works(List.of("runuser", "-u", RUNUSER_USER, "--", "id", "-u"), (output) -> !"0".equals(output))) {
			return RUNUSER;
		}
		throw new IllegalStateException("PostgreSQL refuses to run as root, and this root process can neither create a "
				+ "user namespace ('unshare -U' failed; see sysctl kernel.unprivileged_userns_clone and "
				+ "user.max_user_namespaces) nor switch user ('runuser -u " + RUNUSER_USER
				+ "' failed). Run as a non-root user, or allow one of the two.");
	}

	/**
	 * Returns the command prefix that runs a binary in this mode.
	 * @return the prefix, empty for {@link #DIRECT}
	 */
	List<String> prefix() {
		return switch (this) {
			case DIRECT -> List.of();
			case USER_NAMESPACE -> List.of("unshare", "-U");
			case RUNUSER -> List.of("runuser", "-u", RUNUSER_USER, "--");
		};
	}

	static boolean isRoot() {
		Path self = Path.of("/proc/self");
		if (Files.exists(self)) {
			try {
				return ((Integer) Files.getAttribute(self, "unix:uid")) == 0;
			}
			catch (IOException | UnsupportedOperationException ex) {
				// fall back to the user name below
			}
		}
		return "root".equals(System.getProperty("user.name"));
	}

	private static boolean works(List<String> command, java.util.function.Predicate<String> acceptsOutput) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && acceptsOutput.test(output);
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
