package dev.hubsync.emulator.crm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.error.ApiException;
import org.jspecify.annotations.Nullable;

/** The JSON request bodies of the object endpoints, read leniently as HubSpot does. */
final class RequestBodies {

	private RequestBodies() {
	}

	/** Turns a properties map with any JSON scalars into strings; {@code null} clears. */
	static Map<String, String> properties(@Nullable Map<String, @Nullable Object> properties) {
		Map<String, String> values = new LinkedHashMap<>();
		if (properties != null) {
			properties.forEach((name, value) -> values.put(name, (value != null) ? value.toString() : ""));
		}
		return values;
	}

	static <T> List<T> inputs(@Nullable Inputs<T> body, int max) {
		if (body == null || body.inputs() == null) {
			throw ApiException.validation("Invalid input JSON: missing 'inputs'");
		}
		if (body.inputs().size() > max) {
			throw ApiException
				.validation("Batch input limit exceeded: at most " + max + " inputs, got " + body.inputs().size());
		}
		return body.inputs();
	}

	record Inputs<T>(@Nullable List<T> inputs) {
	}

	record Properties(@Nullable Map<String, @Nullable Object> properties) {
	}

	record Create(@Nullable Map<String, @Nullable Object> properties, @Nullable List<Association> associations,
			@Nullable String objectWriteTraceId) {
	}

	record Association(@Nullable Target to, @Nullable List<Spec> types) {
	}

	record Target(@Nullable String id) {
	}

	record Spec(@Nullable String associationCategory, int associationTypeId) {
	}

	record Update(@Nullable String id, @Nullable String idProperty, @Nullable Map<String, @Nullable Object> properties,
			@Nullable String objectWriteTraceId) {
	}

	record Id(@Nullable String id) {
	}

	record Read(@Nullable List<Id> inputs, @Nullable List<String> properties,
			@Nullable List<String> propertiesWithHistory, @Nullable String idProperty) {
	}

	record Merge(@Nullable String primaryObjectId, @Nullable String objectIdToMerge) {
	}

	record GdprDelete(@Nullable String objectId, @Nullable String idProperty) {
	}

}
