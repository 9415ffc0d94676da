package dev.hubsync.events;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The event a thread is handling, in the logging context (SLF4J's MDC): every line logged
 * meanwhile carries its correlation id ({@code correlationId}) and record key
 * ({@code recordKey}) — in the console pattern of every service, and as fields of the
 * structured JSON logs ({@code logging.structured.format.console=ecs}). Closing restores
 * what the context held before, so contexts nest.
 */
public final class LogContext implements AutoCloseable {

	/** The MDC key of the correlation id. */
	public static final String CORRELATION_ID = "correlationId";

	/** The MDC key of the record key. */
	public static final String RECORD_KEY = "recordKey";

	/**
	 * The services' {@code logging.pattern.correlation}:
	 * {@code [correlation-id record-key] } before the logger's name, nothing when no
	 * event is in hand.
	 */
	public static final String CONSOLE_PATTERN = "%replace([%X{correlationId} %X{recordKey}] ){'\\[ \\] ',''}";

	private final @Nullable String previousCorrelation;

	private final @Nullable String previousKey;

	private LogContext(@Nullable String correlationId, @Nullable String recordKey) {
		this.previousCorrelation = MDC.get(CORRELATION_ID);
		this.previousKey = MDC.get(RECORD_KEY);
		put(CORRELATION_ID, correlationId);
		put(RECORD_KEY, recordKey);
	}

	/**
	 * Puts an event in the logging context until closed.
	 * @param correlationId its correlation id, if known
	 * @param recordKey its record key, if known
	 * @return the context, to close
	 */
	public static LogContext of(@Nullable String correlationId, @Nullable String recordKey) {
		return new LogContext(correlationId, recordKey);
	}

	@Override
	public void close() {
		put(CORRELATION_ID, this.previousCorrelation);
		put(RECORD_KEY, this.previousKey);
	}

	private static void put(String key, @Nullable String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

}
