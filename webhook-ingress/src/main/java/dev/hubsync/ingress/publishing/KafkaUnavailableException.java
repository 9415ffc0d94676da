package dev.hubsync.ingress.publishing;

/** Kafka did not acknowledge every record within the bound: HubSpot must retry. */
public class KafkaUnavailableException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what happened
	 * @param cause the producer's failure, if any
	 */
	public KafkaUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
