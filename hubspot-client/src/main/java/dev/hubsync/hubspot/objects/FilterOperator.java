package dev.hubsync.hubspot.objects;

/** Search filter operators (reference §3). */
public enum FilterOperator {

	/** Equal. */
	EQ,

	/** Not equal. */
	NEQ,

	/** Less than. */
	LT,

	/** Less than or equal. */
	LTE,

	/** Greater than. */
	GT,

	/** Greater than or equal. */
	GTE,

	/** Between {@code value} and {@code highValue}, inclusive. */
	BETWEEN,

	/** One of {@code values}. */
	IN,

	/** None of {@code values}. */
	NOT_IN,

	/** Has a value. */
	HAS_PROPERTY,

	/** Has no value. */
	NOT_HAS_PROPERTY,

	/** Contains a token; {@code *} is a wildcard. */
	CONTAINS_TOKEN,

	/** Does not contain a token. */
	NOT_CONTAINS_TOKEN

}
