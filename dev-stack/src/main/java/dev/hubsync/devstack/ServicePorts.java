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

}
