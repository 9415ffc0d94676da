package dev.hubsync.events.serde;

import dev.hubsync.events.EventFormatException;

/**
 * Turns one record type into its JSON envelope and back.
 *
 * @param <T> the record type
 */
public interface EventCodec<T> {

	/**
	 * Writes a value.
	 * @param value the value
	 * @return its envelope, UTF-8 JSON
	 */
	byte[] encode(T value);

	/**
	 * Reads a value.
	 * @param bytes UTF-8 JSON
	 * @return the value
	 * @throws EventFormatException when the bytes break the contract; the message names
	 * the field
	 */
	T decode(byte[] bytes);

}
