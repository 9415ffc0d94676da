package dev.hubsync.hubspot.objects;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The inputs of the batch calls, and their wire wrapper.
 */
public final class BatchInputs {

	/** HubSpot's maximum number of inputs per batch call. */
	public static final int MAX = 100;

	private BatchInputs() {
	}

	static void checkSize(List<?> inputs) {
		if (inputs.isEmpty() || inputs.size() > MAX) {
			throw new IllegalArgumentException("a batch takes 1 to " + MAX + " inputs, got " + inputs.size());
		}
	}

	/**
	 * The wire wrapper {@code {"inputs": [...]}}.
	 *
	 * @param <T> the input type
	 * @param inputs the inputs
	 */
	public record Wrapper<T>(List<T> inputs) {
	}

	/**
	 * A record id.
	 *
	 * @param id the id (or the unique value, with an id property)
	 */
	public record Id(String id) {
	}

	/**
	 * A record to create.
	 *
	 * @param properties its properties
	 * @param associations associations made with it
	 * @param objectWriteTraceId a caller-chosen id that errors point back to (enables 207
	 * partial success)
	 */
	public record Create(Map<String, String> properties, @Nullable List<ObjectAssociation> associations,
			@Nullable String objectWriteTraceId) {
	}

	/**
	 * A record to update.
	 *
	 * @param id the record's id, or its unique value with {@code idProperty}
	 * @param idProperty the unique property {@code id} holds a value of, or {@code null}
	 * @param properties the properties to write
	 * @param objectWriteTraceId a caller-chosen id errors point back to
	 */
	public record Update(String id, @Nullable String idProperty, Map<String, String> properties,
			@Nullable String objectWriteTraceId) {
	}

	/**
	 * A record to create or update by a unique property.
	 *
	 * @param id the unique value
	 * @param idProperty the unique property, e.g. {@code email} or
	 * {@code hubsync_record_id}
	 * @param properties the properties to write
	 * @param objectWriteTraceId a caller-chosen id errors point back to
	 */
	public record Upsert(String id, String idProperty, Map<String, String> properties,
			@Nullable String objectWriteTraceId) {
	}

	/**
	 * A batch read.
	 *
	 * @param inputs the ids
	 * @param properties the properties to return
	 * @param propertiesWithHistory the properties whose history to return
	 * @param idProperty the unique property the ids are values of, or {@code null} for
	 * record ids
	 */
	public record Read(List<Id> inputs, List<String> properties, List<String> propertiesWithHistory,
			@Nullable String idProperty) {
	}

}
