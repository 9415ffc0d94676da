package dev.hubsync.chaos.workload;

/**
 * What the workload does, with the weight of each in its random choice.
 */
public enum Operation {

	/** A record created on the platform (SQL insert), with some fields set. */
	CREATE_ON_PLATFORM(10),

	/** A record created in HubSpot, with some fields set. */
	CREATE_IN_HUBSPOT(10),

	/** The same person created on both sides at once, each with its own values. */
	CREATE_ON_BOTH_SIDES(4),

	/** One field set on one side. */
	EDIT(30),

	/** One field cleared on one side. */
	CLEAR(8),

	/** The same field set (or cleared) on both sides at once, to different values. */
	CONCURRENT_EDIT(10),

	/** A record deleted on one side (soft delete, or archive). */
	DELETE(4),

	/** A deleted record restored on the side that deleted it. */
	RESTORE(3),

	/** Two HubSpot contacts merged. */
	MERGE(2),

	/** A contact's company changed (or removed) on one side. */
	ASSOCIATE(8),

	/**
	 * A company industry HubSpot refuses, written on the platform, fixed a moment later.
	 */
	POISON(1);

	private final int weight;

	Operation(int weight) {
		this.weight = weight;
	}

	/**
	 * Returns the weight.
	 * @return the weight
	 */
	public int weight() {
		return this.weight;
	}

}
