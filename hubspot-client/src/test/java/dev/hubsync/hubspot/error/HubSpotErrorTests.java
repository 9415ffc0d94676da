package dev.hubsync.hubspot.error;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An error's description carries the details HubSpot gives only in {@code errors[]}. */
class HubSpotErrorTests {

	@Test
	void aValidationErrorNamesTheMissingPropertyFromItsDetails() {
		HubSpotError error = error("The property values provided are invalid", List
			.of(detail("A value for firstname must be provided"), detail("A value for lastname must be provided")));
		assertThat(error.describe()).isEqualTo("The property values provided are invalid: A value for firstname must"
				+ " be provided; A value for lastname must be provided");
	}

	@Test
	void detailsTheMessageAlreadyQuotesAreNotRepeated() {
		String message = "Property values were not valid: [{\"isValid\":false,\"message\":\"Property \\\"foo\\\" does"
				+ " not exist\",\"error\":\"PROPERTY_DOESNT_EXIST\",\"name\":\"foo\"}]";
		assertThat(error(message, List.of(detail("Property \"foo\" does not exist"))).describe()).isEqualTo(message);
		assertThat(error("Conflict", null).describe()).isEqualTo("Conflict");
		assertThat(error(null, null).describe()).isNull();
	}

	private static HubSpotError error(String message, List<HubSpotError.ErrorDetail> details) {
		return new HubSpotError("error", message, null, "VALIDATION_ERROR", null, details, Map.of(), null, null, null,
				null);
	}

	private static HubSpotError.ErrorDetail detail(String message) {
		return new HubSpotError.ErrorDetail(message, "MISSING_REQUIRED_PROPERTY", null, null, null);
	}

}
