package dev.hubsync.ops;

/**
 * A failure the operator can act on: printed as it is, without a stack trace, exit code
 * 2.
 */
class OpsException extends RuntimeException {

	OpsException(String message) {
		super(message);
	}

}
