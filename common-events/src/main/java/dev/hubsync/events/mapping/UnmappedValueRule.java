package dev.hubsync.events.mapping;

/** What an enumeration transform does with a value its map lacks. */
public enum UnmappedValueRule {

	/** Refuse it: the record is dead-lettered with the value named. */
	REJECT,

	/** Write it unchanged. */
	PASS_THROUGH,

	/** Write the transform's default value. */
	DEFAULT

}
