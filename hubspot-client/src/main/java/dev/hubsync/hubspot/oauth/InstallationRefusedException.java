package dev.hubsync.hubspot.oauth;

/**
 * An install HubSync refuses: one installation syncs one portal, and another portal
 * already holds it.
 */
public class InstallationRefusedException extends RuntimeException {

	/**
	 * Creates the refusal.
	 * @param message why, for the person installing
	 */
	public InstallationRefusedException(String message) {
		super(message);
	}

}
