package dev.hubsync.hubspot.objects;

import java.time.Instant;
import java.util.List;

import dev.hubsync.hubspot.error.HubSpotError;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a batch call: the records that succeeded and, with 207, the errors of the
 * rest. A read of unknown ids answers 207 with {@code OBJECT_NOT_FOUND} errors.
 *
 * @param status {@code COMPLETE}
 * @param results the records that succeeded
 * @param numErrors how many inputs failed
 * @param errors what failed; each error's context names its inputs
 * ({@code objectWriteTraceId}, {@code ids})
 * @param startedAt when HubSpot started
 * @param completedAt when it finished
 */
public record BatchResult(@Nullable String status, List<HubSpotObject> results, int numErrors,
		List<HubSpotError> errors, @Nullable Instant startedAt, @Nullable Instant completedAt) {

	/**
	 * Defaults the lists.
	 * @param status the status
	 * @param results the results
	 * @param numErrors the error count
	 * @param errors the errors
	 * @param startedAt the start
	 * @param completedAt the end
	 */
	public BatchResult {
		results = (results != null) ? results : List.of();
		errors = (errors != null) ? errors : List.of();
	}

	/**
	 * An empty result (a 204 answer).
	 * @return the result
	 */
	public static BatchResult empty() {
		return new BatchResult("COMPLETE", List.of(), 0, List.of(), null, null);
	}

	/**
	 * Tells whether some inputs failed.
	 * @return whether there are errors
	 */
	public boolean hasErrors() {
		return !this.errors.isEmpty();
	}

}
