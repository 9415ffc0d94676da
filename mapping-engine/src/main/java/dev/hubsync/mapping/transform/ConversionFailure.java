package dev.hubsync.mapping.transform;

/**
 * A value a transform cannot convert, with the reason. Cheap to throw (no stack trace): a
 * bad value is data, not a bug. {@link dev.hubsync.mapping.CompiledField} wraps it with
 * the record and field it belongs to.
 */
public final class ConversionFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the failure.
	 * @param reason why the value cannot convert
	 */
	public ConversionFailure(String reason) {
		super(reason, null, false, false);
	}

}
