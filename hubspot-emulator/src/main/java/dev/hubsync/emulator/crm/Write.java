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
 * @param upsertProperty for upserts, the unique property {@code inputId} is a value of
 */
public record Write(@Nullable Long id, Map<String, String> properties, @Nullable String traceId,
		@Nullable String inputId, @Nullable String upsertProperty) {

	/**
	 * A create or update of a known record.
	 * @param id the record to update, or {@code null} to create one
	 * @param properties the values
	 * @param traceId the trace id
	 * @param inputId the input's id
	 */
	public Write(@Nullable Long id, Map<String, String> properties, @Nullable String traceId,
			@Nullable String inputId) {
		this(id, properties, traceId, inputId, null);
	}

	/**
	 * An upsert: the record holding {@code value} in the unique {@code property} is
	 * updated, or one is created with it; the lookup happens under the write lock, so
	 * concurrent upserts of one value make one record.
	 * @param property the unique property
	 * @param value its value
	 * @param properties the values
	 * @param traceId the trace id
	 * @return the write
	 */
	public static Write upsert(String property, String value, Map<String, String> properties,
			@Nullable String traceId) {
		return new Write(null, properties, traceId, value, property);
	}

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
