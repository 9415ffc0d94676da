package dev.hubsync.devstack;

import java.nio.file.Path;
import java.time.Duration;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.infra.FreePorts;

/**
 * The dev stack as the integration tests start it: every port free (tests run beside a
 * dev stack on the fixed ones), the poller every 10 minutes (tests heal by other means or
 * trigger it), and a HubSpot user's client on its emulator.
 */
public final class TestStacks {

	private TestStacks() {
	}

	/**
	 * Returns free ports for the four services and the emulator.
	 * @return the ports
	 */
	public static ServicePorts freePorts() {
		return new ServicePorts(FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(),
				FreePorts.find());
	}

	/**
	 * Returns the options of a stack on free ports, kept in {@code data}.
	 * @param data the data directory
	 * @param ports the services' ports
	 * @param demoData demo records to make
	 * @param ingressMode {@code webhooks}, {@code journal} or {@code both}
	 * @return the options
	 */
	public static DevStackOptions options(Path data, ServicePorts ports, int demoData, String ingressMode) {
		return new DevStackOptions(data, false, FreePorts.find(), FreePorts.find(), FreePorts.find(), ports,
				Duration.ofMinutes(10), demoData, null, ingressMode);
	}

	/**
	 * Returns a client acting as a HubSpot user (not the sync's app) on the stack's
	 * emulator.
	 * @param stack the stack
	 * @return the client
	 */
	public static HubSpotClient user(DevStack stack) {
		return HubSpotClient.builder()
			.baseUrl(stack.emulator().baseUrl())
			.tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN))
			.build();
	}

}
