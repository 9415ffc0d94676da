package dev.hubsync.hubspot;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of HubSpot's wire format: unknown response fields ignored (HubSpot adds
 * fields), {@code null} request fields omitted, instants as ISO-8601.
 */
public final class HubSpotJson {

	private HubSpotJson() {
	}

	/**
	 * Builds a mapper configured for HubSpot.
	 * @return a new mapper; share it
	 */
	public static JsonMapper newMapper() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build();
	}

}
