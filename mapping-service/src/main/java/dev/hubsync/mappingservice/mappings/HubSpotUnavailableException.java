package dev.hubsync.mappingservice.mappings;

/** HubSpot could not be asked (down, rate-limited, token refused). */
public final class HubSpotUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param what what was being done
	 * @param cause HubSpot's failure
	 */
	public HubSpotUnavailableException(String what, Throwable cause) {
		super(what + ": HubSpot did not answer (" + cause.getMessage() + ")", cause);
	}

}
