package dev.hubsync.emulator.crm;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One record write of a (batch) request.
 *
 * @param id the record to update, or {@code null} to create one
 * @param properties the values written ({@code ""} clears)
 * @param traceId the caller's {@code objectWriteTraceId}, which errors point back to
 * @param inputId the input's own id, for error contexts (the id or unique value it named)
 */
public record Write(@Nullable Long id, Map<String, String> properties, @Nullable String traceId,
		@Nullable String inputId) {

	/**
	 * A creation.
	 * @param properties the values
	 * @param traceId the trace id
	 * @return the write
	 */
	public static Write create(Map<String, String> properties, @Nullable String traceId) {
		return new Write(null, properties, traceId, null);
	}

}
