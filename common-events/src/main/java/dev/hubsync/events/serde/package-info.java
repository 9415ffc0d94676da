/**
 * Serialization of the event records: one JSON envelope per value with a schema version,
 * a codec per record type ({@link dev.hubsync.events.serde.EventCodec}), and Kafka serdes
 * built from them ({@link dev.hubsync.events.serde.EventSerdes}). A value that breaks the
 * contract is an {@link dev.hubsync.events.EventFormatException} naming the field.
 */
@NullMarked
package dev.hubsync.events.serde;

import org.jspecify.annotations.NullMarked;
