package dev.hubsync.hubspot.journal;

import java.net.URI;

import dev.hubsync.hubspot.error.HubSpotClientException;

/**
 * An entry file's pre-signed URL no longer works (storage answered 403 or 404 past
 * {@code expiresAt}): list the entry again for a fresh URL.
 */
public class JournalFileExpiredException extends HubSpotClientException {

	/**
	 * Creates the exception.
	 * @param url the URL, logged without its query (the signature)
	 * @param status storage's answer
	 */
	public JournalFileExpiredException(URI url, int status) {
		super("the journal entry file " + url.getPath() + " answered " + status
				+ " (its pre-signed URL expired); list the entry again", status, null);
	}

}
