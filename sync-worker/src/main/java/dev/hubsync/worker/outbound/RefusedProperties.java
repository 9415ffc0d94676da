package dev.hubsync.worker.outbound;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.hubsync.hubspot.error.HubSpotClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
		// the array of problems after the text, read as JSON: only each problem's own
		// "name" counts (a value quoted in a message names nothing)
		int open = message.indexOf('[', message.indexOf(VALIDATION));
		if (open < 0) {
			return Set.of();
		}
		Set<String> names = new LinkedHashSet<>();
		try (JsonParser parser = JSON.createParser(message.substring(open))) {
			JsonNode problems = JSON.readTree(parser);
			if (problems == null || !problems.isArray()) {
				return Set.of();
			}
			for (JsonNode problem : problems) {
				String name = problem.path("name").asString(null);
				if (name == null || name.isBlank()) {
					return Set.of();
				}
				names.add(name);
			}
		}
		catch (JacksonException ex) {
			return Set.of();
		}
		return names;
	}

}
