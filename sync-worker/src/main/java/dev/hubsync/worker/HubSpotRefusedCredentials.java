package dev.hubsync.worker;

import dev.hubsync.hubspot.error.HubSpotClientException;
import org.jspecify.annotations.Nullable;

/**
 * Recognises HubSpot's refusal of HubSync's credentials — 401 (a token unknown, revoked
 * or expired beyond refresh) or 403 (a scope the app lacks) — anywhere in a failure's
 * causes. Such a failure is nobody's record's fault: it pauses the direction, it never
 * sets a record aside.
 */
public final class HubSpotRefusedCredentials {

	private HubSpotRefusedCredentials() {
	}

	/**
	 * Returns HubSpot's refusal of the credentials among a failure's causes.
	 * @param failure the failure
	 * @return the refusal, or null when the failure is another
	 */
	public static @Nullable HubSpotClientException in(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof HubSpotClientException client && (client.status() == 401 || client.status() == 403)) {
				return client;
			}
		}
		return null;
	}

	/**
	 * Throws HubSpot's refusal of the credentials when a failure is one, for the places
	 * that otherwise carry on past a failed call.
	 * @param failure the failure
	 */
	public static void rethrow(Throwable failure) {
		HubSpotClientException refusal = in(failure);
		if (refusal != null) {
			throw refusal;
		}
	}

}
