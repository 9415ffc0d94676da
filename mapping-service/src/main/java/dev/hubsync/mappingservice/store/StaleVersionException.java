package dev.hubsync.mappingservice.store;

/** A save based on a version that is no longer the latest ({@code If-Match}). */
public final class StaleVersionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param objectTypeId the object type
	 * @param expected the version the caller edited
	 * @param latest the latest version
	 */
	public StaleVersionException(String objectTypeId, long expected, long latest) {
		super("the mapping of " + objectTypeId + " is at version " + latest + ", not " + expected
				+ ": reload it and apply the change again");
	}

}
