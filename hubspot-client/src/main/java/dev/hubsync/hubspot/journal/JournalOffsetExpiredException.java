package dev.hubsync.hubspot.journal;

import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.error.HubSpotError;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot answered 404 to a read after an offset: the offset aged out of the journal's
 * retention (or never existed). Events between it and the journal's earliest entry are
 * lost to the reader, which must resynchronise another way.
 */
public class JournalOffsetExpiredException extends HubSpotClientException {

	private final String offset;

	/**
	 * Creates the exception.
	 * @param offset the offset HubSpot no longer knows
	 * @param error HubSpot's error body
	 */
	public JournalOffsetExpiredException(String offset, @Nullable HubSpotError error) {
		super("the webhooks journal no longer holds offset " + offset + " (past its retention)", 404, error);
		this.offset = offset;
	}

	/**
	 * Returns the offset HubSpot no longer knows.
	 * @return the offset
	 */
	public String offset() {
		return this.offset;
	}

}
