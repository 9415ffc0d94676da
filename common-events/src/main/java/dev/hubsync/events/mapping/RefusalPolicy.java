package dev.hubsync.events.mapping;

/**
 * What a field's value that does not convert to the other side (an enum option the
 * mapping does not know, a phone that is no number, a number out of bounds) does to its
 * record.
 */
public enum RefusalPolicy {

	/**
	 * The value is refused alone (a sync log line and a {@code field_refused} review);
	 * the record's other fields sync. The default.
	 */
	REFUSE_FIELD,

	/**
	 * The record is set aside whole (dead-lettered with the reason), as a match key's
	 * refusal always does: for a field the record makes no sense without.
	 */
	SET_ASIDE_RECORD

}
