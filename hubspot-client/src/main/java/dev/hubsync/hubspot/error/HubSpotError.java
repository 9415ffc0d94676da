package dev.hubsync.hubspot.error;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * HubSpot's error body (reference §7), also the shape of each entry of a batch's
 * {@code errors}. Every field is optional in practice.
 *
 * @param status {@code error}
 * @param message human-readable message
 * @param correlationId HubSpot's id of the failed request, for its support
 * @param category e.g. {@code VALIDATION_ERROR}, {@code CONFLICT},
 * {@code OBJECT_NOT_FOUND}
 * @param subCategory a finer category
 * @param errors per-field details
 * @param context e.g. {@code objectWriteTraceId}, {@code ids}, {@code missingScopes}
 * @param links documentation links
 * @param policyName for 429s: {@code TEN_SECONDLY_ROLLING} or {@code DAILY}
 * @param errorType for 429s: {@code RATE_LIMIT}
 * @param id the input id a batch error is about
 */
public record HubSpotError(@Nullable String status, @Nullable String message, @Nullable String correlationId,
		@Nullable String category, @Nullable String subCategory, @Nullable List<ErrorDetail> errors,
		@Nullable Map<String, List<String>> context, @Nullable Map<String, String> links, @Nullable String policyName,
		@Nullable String errorType, @Nullable String id) {

	/**
	 * Returns the values of one context key, e.g. a batch error's
	 * {@code objectWriteTraceId}.
	 * @param key the context key
	 * @return its values, empty when absent
	 */
	public List<String> contextValues(String key) {
		if (this.context == null || this.context.get(key) == null) {
			return List.of();
		}
		return this.context.get(key);
	}

	/**
	 * Returns the message with the details HubSpot put only in {@code errors[]}:
	 * 2026-09's write validation says {@code The property values provided are invalid}
	 * and names the property only in a detail
	 * ({@code A value for firstname must be provided}). Details the message already
	 * quotes are not repeated.
	 * @return the message and its new details, or {@code null} when there is neither
	 */
	public @Nullable String describe() {
		List<String> details = new java.util.ArrayList<>();
		String plain = (this.message != null) ? this.message.replace("\\", "") : "";
		if (this.errors != null) {
			for (ErrorDetail detail : this.errors) {
				if (detail != null && detail.message() != null && !detail.message().isBlank()
						&& !plain.contains(detail.message()) && !details.contains(detail.message())) {
					details.add(detail.message());
				}
			}
		}
		if (details.isEmpty()) {
			return this.message;
		}
		return ((this.message != null) ? this.message + ": " : "") + String.join("; ", details);
	}

	/**
	 * One detail of an error.
	 *
	 * @param message what is wrong
	 * @param code e.g. {@code INVALID_OPTION}, {@code PROPERTY_DOESNT_EXIST}
	 * @param in the field it is about
	 * @param context more detail
	 * @param subCategory a finer category
	 */
	public record ErrorDetail(@Nullable String message, @Nullable String code, @Nullable String in,
			@Nullable Map<String, List<String>> context, @Nullable String subCategory) {
	}

}
