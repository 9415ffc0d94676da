package dev.hubsync.chaos.check;

/**
 * The invariants a converged system holds (the README explains each).
 */
public enum Invariant {

	/**
	 * Every record the workload created and did not delete exists on both sides, linked.
	 */
	NO_RECORD_LOST,

	/** No record exists twice on a side, nor is linked twice. */
	NO_DUPLICATE,

	/** Every mapped field holds the same value on both sides. */
	FIELDS_EQUAL,

	/** That value is the latest change the workload wrote to the field. */
	LATEST_CHANGE_WINS,

	/** A deleted record is deleted on both sides, a restored one live on both. */
	DELETIONS_FOLLOWED,

	/** No write by the sync changed nothing (an echo). */
	NO_ECHO,

	/** Nothing is left parked or in review without a fault that justifies it. */
	NOTHING_PARKED,

	/** Every dead letter is accounted for by a fault that justifies it. */
	DEAD_LETTERS_JUSTIFIED,

	/** No older value of a field was applied after a newer one (from the sync log). */
	ORDER_HELD

}
