package dev.hubsync.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Kafka record header names, declared once. Values are UTF-8 strings, except the
 * dead-letter coordinates, which are binary as spring-kafka writes them (see
 * {@link #display}).
 *
 * <p>
 * The {@code DLT_*} names equal spring-kafka's {@code KafkaHeaders.DLT_*} so that records
 * dead-lettered by its {@code DeadLetterPublishingRecoverer} and by HubSync's own code
 * (the ingress, which has no listener) read the same, and so tools without spring-kafka
 * (ops-cli) can read them.
 */
public final class EventHeaders {

	/** Follows a change from its source to the write on the other side and into logs. */
	public static final String CORRELATION_ID = "hubsync-correlation-id";

	/**
	 * How a record reached its topic: {@code webhook}, {@code poll}, {@code replay},
	 * {@code cdc}.
	 */
	public static final String SOURCE = "hubsync-source";

	/** The schema version of the value's envelope. */
	public static final String SCHEMA_VERSION = "hubsync-schema-version";

	/**
	 * The webhook signature version the ingress verified ({@code v1}, {@code v2},
	 * {@code v3}).
	 */
	public static final String SIGNATURE_VERSION = "hubsync-signature-version";

	/**
	 * When HubSync received the value (ISO-8601), on records whose value cannot carry it.
	 */
	public static final String RECEIVED_AT = "hubsync-received-at";

	/** Set on a replayed record: the time of the replay request (ISO-8601). */
	public static final String REPLAYED_AT = "hubsync-replayed-at";

	/** Why a record was dead-lettered, in words, when no exception describes it. */
	public static final String DLT_REASON = "hubsync-dlt-reason";

	/** Topic the dead-lettered record was read from. */
	public static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";

	/**
	 * Partition the dead-lettered record was read from (4-byte big-endian int, as
	 * spring-kafka).
	 */
	public static final String DLT_ORIGINAL_PARTITION = "kafka_dlt-original-partition";

	/** Offset of the dead-lettered record (8-byte big-endian long, as spring-kafka). */
	public static final String DLT_ORIGINAL_OFFSET = "kafka_dlt-original-offset";

	/**
	 * Timestamp of the dead-lettered record, epoch milliseconds (8-byte big-endian long,
	 * as spring-kafka).
	 */
	public static final String DLT_ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";

	/** Timestamp type of the dead-lettered record ({@code CreateTime}, text). */
	public static final String DLT_ORIGINAL_TIMESTAMP_TYPE = "kafka_dlt-original-timestamp-type";

	/** Consumer group that failed to process the record. */
	public static final String DLT_ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";

	/** Class name of the failure. */
	public static final String DLT_EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";

	/** Class name of the failure's cause. */
	public static final String DLT_EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";

	/** Message of the failure. */
	public static final String DLT_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

	/** Stack trace of the failure. */
	public static final String DLT_EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";

	/**
	 * Encodes a 4-byte header value as spring-kafka does (big-endian).
	 * @param value the value
	 * @return the bytes
	 */
	public static byte[] int32(int value) {
		return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
	}

	/**
	 * Encodes an 8-byte header value as spring-kafka does (big-endian).
	 * @param value the value
	 * @return the bytes
	 */
	public static byte[] int64(long value) {
		return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
	}

	/**
	 * Returns a header's value as a person reads it: the binary dead-letter coordinates
	 * as numbers (a dead letter written as text by an older HubSync stays text), the rest
	 * as UTF-8.
	 * @param key the header's name
	 * @param value its value
	 * @return the text
	 */
	public static String display(String key, byte[] value) {
		if (key.equals(DLT_ORIGINAL_PARTITION) && value.length == Integer.BYTES) {
			return String.valueOf(ByteBuffer.wrap(value).getInt());
		}
		if ((key.equals(DLT_ORIGINAL_OFFSET) || key.equals(DLT_ORIGINAL_TIMESTAMP)) && value.length == Long.BYTES) {
			return String.valueOf(ByteBuffer.wrap(value).getLong());
		}
		return new String(value, StandardCharsets.UTF_8);
	}

	private EventHeaders() {
	}

}
