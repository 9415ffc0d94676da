package dev.hubsync.chaos.stack;

/**
 * The services the harness starts, each from the runnable jar its container image is
 * built from ({@code <module>/target/<jar>}).
 */
public enum ServiceKind {

	/** The HubSpot emulator, standing in for HubSpot. */
	EMULATOR("hubspot-emulator", "hubspot-emulator.jar", "/actuator/health"),

	/** webhook-ingress, behind the harness's round-robin forwarder. */
	INGRESS("webhook-ingress", "webhook-ingress.jar", "/actuator/health/readiness"),

	/**
	 * mapping-service, which publishes the demo mapping and creates HubSpot properties.
	 */
	MAPPING("mapping-service", "mapping-service.jar", "/actuator/health/readiness"),

	/** sync-worker replicas, one consumer group. */
	WORKER("sync-worker", "sync-worker.jar", "/actuator/health/readiness"),

	/** outbound-publisher instances: one captures, the others stand by. */
	PUBLISHER("outbound-publisher", "outbound-publisher.jar", "/actuator/health/readiness");

	private final String module;

	private final String jar;

	private final String readinessPath;

	ServiceKind(String module, String jar, String readinessPath) {
		this.module = module;
		this.jar = jar;
		this.readinessPath = readinessPath;
	}

	/**
	 * Returns the Maven module that builds the jar.
	 * @return e.g. {@code sync-worker}
	 */
	public String module() {
		return this.module;
	}

	/**
	 * Returns the runnable jar's file name.
	 * @return e.g. {@code sync-worker.jar}
	 */
	public String jar() {
		return this.jar;
	}

	/**
	 * Returns the path that answers 200 once the instance is ready.
	 * @return the readiness path
	 */
	public String readinessPath() {
		return this.readinessPath;
	}

}
