package dev.hubsync.emulator.crm;

import java.util.List;

import dev.hubsync.emulator.error.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * What a batch of writes did: the records written and the inputs refused.
 *
 * @param written the records written, in input order
 * @param failures the inputs refused
 */
public record WriteOutcome(List<Written> written, List<Failure> failures) {

	/**
	 * A written record.
	 *
	 * @param index the input's position
	 * @param object the stored version
	 * @param created whether it was created
	 * @param writtenProperties the properties the input wrote
	 */
	public record Written(int index, StoredObject object, boolean created, List<String> writtenProperties) {
	}

	/**
	 * A refused input.
	 *
	 * @param index the input's position
	 * @param error why
	 * @param traceId its trace id
	 * @param inputId the id it named
	 */
	public record Failure(int index, ApiException error, @Nullable String traceId, @Nullable String inputId) {
	}

}
