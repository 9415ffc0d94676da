package dev.hubsync.events.serde;

import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka serializer, deserializer and serde over an {@link EventCodec}. A {@code null}
 * value (a tombstone) stays {@code null} both ways. Deserialization failures are
 * {@link dev.hubsync.events.EventFormatException}s; wrap this in spring-kafka's
 * {@code ErrorHandlingDeserializer} so they reach the error handler as poison records.
 *
 * @param <T> the record type
 */
public final class EventSerde<T> implements Serializer<T>, Deserializer<T>, Serde<T> {

	private final EventCodec<T> codec;

	/**
	 * Creates a serde.
	 * @param codec the codec
	 */
	public EventSerde(EventCodec<T> codec) {
		this.codec = codec;
	}

	@Override
	public byte @Nullable [] serialize(String topic, @Nullable T data) {
		return (data != null) ? this.codec.encode(data) : null;
	}

	@Override
	public @Nullable T deserialize(String topic, byte @Nullable [] data) {
		return (data != null) ? this.codec.decode(data) : null;
	}

	@Override
	public @Nullable T deserialize(String topic, Headers headers, byte @Nullable [] data) {
		return deserialize(topic, data);
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		// nothing to configure: the codec is fixed at construction
	}

	@Override
	public Serializer<T> serializer() {
		return this;
	}

	@Override
	public Deserializer<T> deserializer() {
		return this;
	}

	@Override
	public void close() {
		// nothing to release: codecs are stateless
	}

}
