package dev.hubsync.worker.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.worker.ListenerPauses;
import dev.hubsync.worker.store.Pauses;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Pausing and resuming a direction of an object type, as the admin API and the console do
 * it: a resume also lifts a pause for refused credentials and sends the events parked
 * meanwhile back to their topic.
 */
@Component
public class PauseControl {

	private final Pauses pauses;

	private final ListenerPauses listenerPauses;

	private final KafkaTemplate<String, byte[]> kafka;

	PauseControl(Pauses pauses, ListenerPauses listenerPauses, KafkaTemplate<String, byte[]> kafka) {
		this.pauses = pauses;
		this.listenerPauses = listenerPauses;
		this.kafka = kafka;
	}

	/**
	 * Pauses a direction of an object type.
	 * @param direction {@code inbound} or {@code outbound}
	 * @param objectTypeId the object type
	 * @param by who pauses it (an admin key's name)
	 */
	public void pause(String direction, String objectTypeId, String by) {
		this.pauses.pause(direction(direction), objectTypeId, by);
	}

	/**
	 * Resumes a direction of an object type and releases the events parked meanwhile.
	 * @param direction {@code inbound} or {@code outbound}
	 * @param objectTypeId the object type
	 * @return how many parked events were sent back
	 * @throws IllegalStateException when Kafka does not take them back (they stay parked)
	 */
	public int resume(String direction, String objectTypeId) {
		String dir = direction(direction);
		this.pauses.resume(dir, objectTypeId);
		this.listenerPauses.resumeCredentialsOf(dir);
		List<Pauses.Parked> parked = this.pauses.parked(dir, objectTypeId);
		List<CompletableFuture<?>> sends = new ArrayList<>();
		for (Pauses.Parked event : parked) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.value());
			event.headers().forEach((name, value) -> record.headers().add(name, value));
			sends.add(this.kafka.send(record));
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take the parked events back; they stay parked: " + ex, ex);
		}
		this.pauses.unpark(parked.stream().map(Pauses.Parked::id).toList());
		return parked.size();
	}

	/**
	 * Checks a direction.
	 * @param direction a direction as given
	 * @return it
	 * @throws IllegalArgumentException unless {@code inbound} or {@code outbound}
	 */
	public static String direction(String direction) {
		if (!direction.equals("inbound") && !direction.equals("outbound")) {
			throw new IllegalArgumentException("direction is inbound or outbound, not '" + direction + "'");
		}
		return direction;
	}

}
