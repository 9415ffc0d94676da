package dev.hubsync.worker.outbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.error.HubSpotConflictException;
import dev.hubsync.hubspot.error.HubSpotError;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.objects.BatchResult;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.worker.WorkerProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;

/**
 * Sends a batch's writes to HubSpot in calls of up to 100 inputs, up to
 * {@code calls-in-flight} at once (the rate budget paces them). A record HubSpot refuses
 * (an error naming its trace id, or the only input of a refused call) is reported with
 * HubSpot's reason while the others are written; a call refused whole is split in two
 * until the refused record is alone.
 */
@Component
class HubSpotWriter implements DisposableBean {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(HubSpotWriter.class);

	private final ThreadPoolTaskExecutor calls;

	HubSpotWriter(WorkerProperties properties) {
		// on shutdown, the calls in flight finish (up to the grace): a call cut off
		// after HubSpot applied it is written again by the retry, but one that finishes
		// is recorded now
		ThreadPoolTaskExecutor calls = new ThreadPoolTaskExecutor();
		calls.setCorePoolSize(properties.outbound().callsInFlight());
		calls.setMaxPoolSize(properties.outbound().callsInFlight());
		calls.setThreadNamePrefix("hubsync-outbound-call-");
		calls.setDaemon(true);
		calls.setWaitForTasksToCompleteOnShutdown(true);
		calls.setAwaitTerminationMillis(properties.outbound().shutdownGrace().toMillis());
		calls.initialize();
		this.calls = calls;
	}

	@Override
	public void destroy() {
		this.calls.shutdown();
	}

	/**
	 * Sends writes.
	 * @param writes the writes (distinct records)
	 * @param call one call for up to 100 of them
	 * @param refused receives each refused write with the reason
	 * @return what HubSpot wrote, by the writes' keys
	 */
	Map<String, HubSpotObject> send(List<Write> writes, Function<List<Write>, BatchResult> call,
			BiConsumer<Write, RuntimeException> refused) {
		Map<String, HubSpotObject> written = new ConcurrentHashMap<>();
		List<List<Write>> chunks = new ArrayList<>();
		for (int from = 0; from < writes.size(); from += BatchInputs.MAX) {
			chunks.add(writes.subList(from, Math.min(writes.size(), from + BatchInputs.MAX)));
		}
		if (chunks.size() <= 1) {
			chunks.forEach((chunk) -> bisect(chunk, call, refused, written));
			return written;
		}
		// the records of one batch are distinct (a record's changes were coalesced), so
		// its chunks can be written in any order
		List<Future<?>> sent = new ArrayList<>(chunks.size());
		for (List<Write> chunk : chunks) {
			sent.add(this.calls.submit(() -> bisect(chunk, call, refused, written)));
		}
		awaitAll(sent);
		return written;
	}

	/**
	 * Waits for every call, even after one failed, so none is still running when the
	 * batch is retried; then throws the first failure as it was thrown.
	 */
	private static void awaitAll(List<Future<?>> sent) {
		RuntimeException failure = null;
		for (Future<?> call : sent) {
			try {
				call.get();
			}
			catch (InterruptedException ex) {
				sent.forEach((other) -> other.cancel(true));
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while writing to HubSpot", ex);
			}
			catch (ExecutionException ex) {
				if (failure == null) {
					failure = (ex.getCause() instanceof RuntimeException runtime) ? runtime
							: new IllegalStateException(ex.getCause());
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private void bisect(List<Write> chunk, Function<List<Write>, BatchResult> call,
			BiConsumer<Write, RuntimeException> refused, Map<String, HubSpotObject> written) {
		if (chunk.isEmpty()) {
			return;
		}
		BatchResult result;
		if (logger.isDebugEnabled()) {
			logger.debug("writing {} record(s): {}", chunk.size(),
					chunk.stream()
						.map((write) -> ((write.hubspotId() != null) ? write.hubspotId() : write.key()) + "="
								+ write.values().keySet())
						.toList());
		}
		try {
			result = call.apply(chunk);
		}
		catch (HubSpotClientException ex) {
			if (ex.status() == 401 || ex.status() == 403) {
				// the token or its scopes, not any record: splitting the call would
				// dead-letter every record one by one; the batch is retried instead
				throw ex;
			}
			if (chunk.size() == 1) {
				refused.accept(chunk.get(0), ex);
				return;
			}
			int half = chunk.size() / 2;
			bisect(chunk.subList(0, half), call, refused, written);
			bisect(chunk.subList(half, chunk.size()), call, refused, written);
			return;
		}
		Map<String, Write> byKey = new HashMap<>();
		Map<String, Write> byHubSpotId = new HashMap<>();
		for (Write write : chunk) {
			byKey.put(write.key(), write);
			if (write.hubspotId() != null) {
				byHubSpotId.put(String.valueOf(write.hubspotId()), write);
			}
		}
		Set<String> failed = new HashSet<>();
		for (HubSpotError error : result.errors()) {
			// an error names its inputs by trace id, or (updates of records archived or
			// gone) by record id
			List<Write> named = new ArrayList<>();
			error.contextValues("objectWriteTraceId").forEach((key) -> named.add(byKey.get(key)));
			error.contextValues("ids").forEach((id) -> named.add(byHubSpotId.get(id)));
			for (Write write : named) {
				if (write != null && failed.add(write.key())) {
					String message = "HubSpot refused " + write.key() + ": " + error.describe();
					refused.accept(write, refusal(message, error));
				}
			}
		}
		// results are not in input order: pair them by HubSpot id (updates) or by the
		// hubsync_record_id they carry (creates)
		for (HubSpotObject object : result.results()) {
			Write write = byHubSpotId.get(object.id());
			if (write == null) {
				write = byKey.get(String.valueOf(object.property(RECORD_ID)));
			}
			if (write != null && !failed.contains(write.key())) {
				written.put(write.key(), object);
			}
		}
		// a write HubSpot's answer names neither as written nor as refused (an error
		// without the ids of its inputs) is neither taken as written nor lost: it is sent
		// again alone, and refused with the answer's errors when it stays unanswered
		List<Write> unanswered = chunk.stream()
			.filter((write) -> !failed.contains(write.key()) && !written.containsKey(write.key()))
			.toList();
		if (unanswered.isEmpty()) {
			return;
		}
		if (unanswered.size() == 1 && chunk.size() == 1) {
			String errors = result.errors().stream().map(HubSpotError::message).toList().toString();
			refused.accept(unanswered.get(0), new IllegalArgumentException("HubSpot answered the write of "
					+ unanswered.get(0).key() + " with neither a record nor an error naming it: " + errors));
			return;
		}
		if (unanswered.size() < chunk.size()) {
			bisect(unanswered, call, refused, written);
			return;
		}
		int half = chunk.size() / 2;
		bisect(chunk.subList(0, half), call, refused, written);
		bisect(chunk.subList(half, chunk.size()), call, refused, written);
	}

	/**
	 * What HubSpot's error naming one write means for it: a conflict, a record that does
	 * not exist (archived or merged away since it was read), or a refused value. Only an
	 * error naming the write says its record is gone: a whole call answered 404 says
	 * nothing about one record, and is a refusal like any other.
	 */
	private static RuntimeException refusal(String message, HubSpotError error) {
		if ("CONFLICT".equals(error.category())) {
			return new HubSpotConflictException(message, error);
		}
		if ("OBJECT_NOT_FOUND".equals(error.category())) {
			return new RecordGone(message);
		}
		return new IllegalArgumentException(message);
	}

	/**
	 * HubSpot's answer to a write that names its record as not found
	 * ({@code OBJECT_NOT_FOUND}): archived, or merged away, since the batch read it.
	 */
	static final class RecordGone extends RuntimeException {

		RecordGone(String message) {
			super(message);
		}

	}

}
