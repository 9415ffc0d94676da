package dev.hubsync.mapping.transform;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON documents (a {@code json}/{@code jsonb} column) in a HubSpot text property. Values
 * are parsed and written compact with object keys sorted, so key order and whitespace
 * (which {@code jsonb} does not keep) never count as a change. Text that is not JSON is
 * refused.
 */
final class JsonTransform implements Transform {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	@Override
	public String toHubSpot(Object value) {
		return canonical(value.toString());
	}

	@Override
	public Object toPlatform(String value) {
		return canonical(value);
	}

	@Override
	public String canonical(String value) {
		try {
			Object plain = JSON.readValue(value, Object.class);
			String text = JSON.writeValueAsString(plain);
			if (text.length() > TextTransform.MAX_LENGTH) {
				throw new ConversionFailure("longer than HubSpot's " + TextTransform.MAX_LENGTH + " characters");
			}
			return text;
		}
		catch (JacksonException ex) {
			throw new ConversionFailure("not JSON");
		}
	}

}
