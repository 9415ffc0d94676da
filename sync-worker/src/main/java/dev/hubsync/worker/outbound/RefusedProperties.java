package dev.hubsync.worker.outbound;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hubsync.hubspot.error.HubSpotClientException;

/**
 * The properties HubSpot names when it refuses a write for their values: its validation
 * error reads {@code Property values were not valid: [{"isValid":false,"message":…,
 * "error":"INVALID_OPTION","name":"industry"}]}, in a call's 400 or in one input's error
 * of a batch. A write refused for some of its values can go again without them, and those
 * values are refused alone; anything else (no property named, a conflict) refuses the
 * record.
 */
final class RefusedProperties {

	private static final String VALIDATION = "Property values were not valid";

	private static final Pattern NAME = Pattern.compile("\\\\?\"name\\\\?\"\\s*:\\s*\\\\?\"([A-Za-z0-9_]+)\\\\?\"");

	private RefusedProperties() {
	}

	/**
	 * Returns the properties a refusal names.
	 * @param reason the refusal
	 * @return the properties, empty when it names none or is no validation error
	 */
	static Set<String> of(RuntimeException reason) {
		if (!(reason instanceof HubSpotClientException) && !(reason instanceof IllegalArgumentException)) {
			return Set.of();
		}
		if (reason instanceof HubSpotClientException client && client.status() != 400) {
			return Set.of();
		}
		String message = reason.getMessage();
		if (message == null || !message.contains(VALIDATION)) {
			return Set.of();
		}
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = NAME.matcher(message.substring(message.indexOf(VALIDATION)));
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}
