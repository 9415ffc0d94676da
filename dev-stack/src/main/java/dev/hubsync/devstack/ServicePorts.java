package dev.hubsync.devstack;

/**
 * The services' HTTP ports.
 *
 * @param emulator the HubSpot emulator (8090)
 * @param ingress webhook-ingress (8080)
 * @param mapping mapping-service (8081)
 * @param worker sync-worker (8082)
 * @param publisher outbound-publisher (8083)
 */
public record ServicePorts(int emulator, int ingress, int mapping, int worker, int publisher) {

	/**
	 * Returns the dev stack's fixed ports.
	 * @return 8090, 8080, 8081, 8082, 8083
	 */
	public static ServicePorts defaults() {
		return new ServicePorts(8090, 8080, 8081, 8082, 8083);
	}

	/**
	 * Returns the actuator's port of a service port: 9180 to 9183 for the dev stack's
	 * 8080 to 8083 (README); for any other (tests on free ports) the service's own port,
	 * so no randomly bound management port can take a port picked for a service still to
	 * start.
	 * @param port the service's port
	 * @return its management port
	 */
	public static int management(int port) {
		return (port >= 8080 && port <= 8083) ? port + 1100 : port;
	}

}
