package dev.hubsync.hubspot.error;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * 409: the record collides with an existing one on a unique value (a contact's email, a
 * unique custom property). Never retried; the existing record's id is recovered from
 * HubSpot's message ({@code Contact already exists. Existing ID: 37765128953}).
 */
public class HubSpotConflictException extends HubSpotClientException {

	private static final Pattern EXISTING_ID = Pattern.compile("Existing ID: (\\d+)");

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param error HubSpot's body
	 */
	public HubSpotConflictException(String message, @Nullable HubSpotError error) {
		super(message, 409, error);
	}

	/**
	 * Returns the id of the record that already holds the value.
	 * @return the id, when HubSpot's message names it
	 */
	public Optional<String> existingId() {
		String text = (error() != null && error().message() != null) ? error().message() : getMessage();
		Matcher matcher = EXISTING_ID.matcher((text != null) ? text : "");
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

}
