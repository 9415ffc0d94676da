package dev.hubsync.events.local;

import dev.hubsync.events.EventFormatException;

/** The kind of a row change, with Debezium's one-letter codes as the wire form. */
public enum ChangeOp {

	/** A row read by the initial snapshot. */
	SNAPSHOT("r"),

	/** An inserted row. */
	CREATE("c"),

	/** An updated row. */
	UPDATE("u"),

	/** A deleted row. */
	DELETE("d");

	private final String code;

	ChangeOp(String code) {
		this.code = code;
	}

	/**
	 * Returns the wire form.
	 * @return Debezium's code: {@code r}, {@code c}, {@code u} or {@code d}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Parses the wire form.
	 * @param code Debezium's code
	 * @return the operation
	 * @throws EventFormatException for an unknown code
	 */
	public static ChangeOp fromCode(String code) {
		for (ChangeOp op : values()) {
			if (op.code.equals(code)) {
				return op;
			}
		}
		throw new EventFormatException("op", "unknown operation '" + code + "'");
	}

}
