package dev.hubsync.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Finds free loopback ports, so tests never clash with each other or with a running dev
 * stack on the fixed ports. The port is free when returned; a server that then loses the
 * race fails to bind and its caller retries with a new port.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Returns a port free on the loopback interface.
	 * @return the port
	 */
	public static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free loopback port", ex);
		}
	}

	/**
	 * Tells whether a loopback port can be bound now.
	 * @param port the port
	 * @return whether it is free
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
