package dev.hubsync.mapping;

/**
 * One thing wrong (or doubtful) with a mapping.
 *
 * @param severity whether it stops the mapping from being used
 * @param path where in the mapping, e.g. {@code fields[2] (phone -> phone)}
 * @param message what is wrong, in words an operator can act on
 */
public record MappingProblem(Severity severity, String path, String message) {

	/**
	 * Creates an error.
	 * @param path where
	 * @param message what
	 * @return the problem
	 */
	public static MappingProblem error(String path, String message) {
		return new MappingProblem(Severity.ERROR, path, message);
	}

	/**
	 * Creates a warning.
	 * @param path where
	 * @param message what
	 * @return the problem
	 */
	public static MappingProblem warning(String path, String message) {
		return new MappingProblem(Severity.WARNING, path, message);
	}

	@Override
	public String toString() {
		return this.severity + " " + this.path + ": " + this.message;
	}

	/** How bad a problem is. */
	public enum Severity {

		/** The mapping cannot be saved or used. */
		ERROR,

		/**
		 * Worth knowing; the mapping works (e.g. HubSpot options no platform value maps
		 * to).
		 */
		WARNING

	}

}
