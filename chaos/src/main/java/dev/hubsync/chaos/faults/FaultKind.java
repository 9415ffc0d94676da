package dev.hubsync.chaos.faults;

/**
 * The faults the harness injects.
 */
public enum FaultKind {

	/**
	 * SIGKILL of a worker replica mid-batch (its partitions rebalance), restarted after.
	 */
	KILL_WORKER,

	/** SIGKILL of the capturing publisher (the standby takes over), restarted after. */
	KILL_PUBLISHER,

	/** SIGKILL of an ingress instance (the forwarder skips it), restarted after. */
	KILL_INGRESS,

	/** The Kafka broker stopped and started again. */
	RESTART_KAFKA,

	/** PostgreSQL stopped (fast) and started again. */
	RESTART_POSTGRES,

	/** Every HubSpot call answers 429 {@code TEN_SECONDLY_ROLLING} for a while. */
	STORM_429,

	/** Half of HubSpot's batch and association calls answer 502/503. */
	ERRORS_5XX,

	/** HubSpot's batch calls answer slowly, some beyond the worker's request timeout. */
	SLOW_ANSWERS,

	/** A share of webhook deliveries is lost, as HubSpot loses them. */
	WEBHOOKS_DROPPED,

	/** Webhook deliveries sent twice. */
	WEBHOOKS_DUPLICATED,

	/** Webhook events shuffled within deliveries and deliveries delayed at random. */
	WEBHOOKS_REORDERED,

	/** HubSpot's daily limit: 429 {@code DAILY} with a (compressed) reset. */
	DAILY_LIMIT

}
