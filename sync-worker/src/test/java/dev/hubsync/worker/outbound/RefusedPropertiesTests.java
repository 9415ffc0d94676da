package dev.hubsync.worker.outbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusedPropertiesTests {

	@Test
	void theProblemsOwnNamesCountAndNothingQuotedInAMessage() {
		String refused = "HubSpot refused leads:1: Property values were not valid: [{\"isValid\":false,"
				+ "\"message\":\"NOT_ONE was not one of the allowed options\",\"error\":\"INVALID_OPTION\","
				+ "\"name\":\"industry\"},{\"isValid\":false,\"message\":\"x is not a valid datetime\","
				+ "\"error\":\"INVALID_DATETIME\",\"name\":\"closedate\"}]";
		assertThat(RefusedProperties.of(new IllegalArgumentException(refused))).containsExactly("industry",
				"closedate");
		// a value that looks like a name, quoted inside a problem's message
		String tricky = "Property values were not valid: [{\"isValid\":false,\"message\":\"Email address"
				+ " \\\"name\\\":\\\"phone\\\"@x is invalid\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]";
		assertThat(RefusedProperties.of(new IllegalArgumentException(tricky))).containsExactly("email");
		assertThat(RefusedProperties.of(new IllegalArgumentException("Property values were not valid: [oops")))
			.isEmpty();
		assertThat(RefusedProperties.of(new IllegalArgumentException("A contact needs an email"))).isEmpty();
		assertThat(RefusedProperties.of(new IllegalStateException(refused))).isEmpty();
	}

}
