package dev.hubsync.mapping;

import java.util.List;
import java.util.stream.Collectors;

/** A mapping that cannot be used, with every problem found (not only the first). */
public final class MappingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<MappingProblem> problems;

	/**
	 * Creates the exception.
	 * @param objectTypeId the mapping's object type
	 * @param problems the problems
	 */
	public MappingException(String objectTypeId, List<MappingProblem> problems) {
		super("mapping of " + objectTypeId + " is invalid: "
				+ problems.stream().map(MappingProblem::toString).collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the problems.
	 * @return the problems
	 */
	public List<MappingProblem> problems() {
		return this.problems;
	}

}
