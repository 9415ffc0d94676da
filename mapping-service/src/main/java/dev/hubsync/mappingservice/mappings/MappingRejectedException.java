package dev.hubsync.mappingservice.mappings;

import java.util.List;

import dev.hubsync.mapping.MappingProblem;

/** A mapping refused with its problems; nothing of it was saved. */
public final class MappingRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<MappingProblem> problems;

	/**
	 * Creates the exception.
	 * @param message a summary
	 * @param problems every problem (errors and warnings)
	 */
	public MappingRejectedException(String message, List<MappingProblem> problems) {
		super(message);
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
