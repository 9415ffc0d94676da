package dev.hubsync.ingress.journal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.ingress.support.JournalSetup;
import dev.hubsync.ingress.support.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reader killed between Kafka's acknowledgement of a batch and the store of its offset
 * (its context is closed from inside that store, which never happens) resumes from the
 * last stored offset: nothing is lost, the batch already stored is not read again, and
 * the batch published twice carries the same identities both times — which the worker's
 * processed-identity check drops, so it has no duplicate effect.
 */
class JournalRestartIT {

	static final long PORTAL = JournalSetup.newPortal();

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create().property("emulator.portal-id", PORTAL);

	@Test
	void resumesFromTheStoredOffsetWithoutLossAndWithTheSameIdentities() {
		JournalSetup.subscribeContacts(hubspot.get(), PORTAL);
		TopicReader topics = new TopicReader(SharedInfra.kafka().bootstrapServers());
		String first = create("first@x.io");
		AtomicInteger stores = new AtomicInteger();
		// a long back-off: the killed reader must not read the batch again before it dies
		ConfigurableApplicationContext doomed = JournalSetup.ingress(hubspot.get(), PORTAL, "journal",
				Map.of("hubsync.ingress.journal.batch-size", "1", "hubsync.ingress.journal.retry-backoff", "60s"),
				(context) -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {

					@Override
					public Object postProcessAfterInitialization(Object bean, String name) {
						return (bean instanceof OffsetStore store) ? new KillingStore(store, context, stores) : bean;
					}

				}));
		await().until(() -> stores.get() == 1);
		String second = create("second@x.io");
		await().atMost(Duration.ofSeconds(30)).until(() -> !doomed.isActive());
		assertThat(stores.get()).isEqualTo(2);
		Map<String, Long> beforeRestart = counts(topics);
		assertThat(beforeRestart).containsKeys(key(first), key(second));

		hubspot.get()
			.admin()
			.call("PATCH", "/crm/v3/objects/contacts/" + second, Map.of("properties", Map.of("firstname", "Sec")),
					HubSpotEmulator.USER_TOKEN);
		try (ConfigurableApplicationContext resumed = JournalSetup.ingress(hubspot.get(), PORTAL, "journal",
				Map.of("hubsync.ingress.journal.batch-size", "1"))) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> events(topics).stream().anyMatch((event) -> "Sec".equals(event.event().propertyValue())));
		}
		List<HubSpotEvent> events = events(topics);
		Map<String, List<HubSpotEvent>> byIdentity = events.stream()
			.collect(Collectors.groupingBy((event) -> event.identity().value()));
		// first: creation + email, read once; second: creation + email, read twice; the
		// patch: once
		assertThat(byIdentity).hasSize(5);
		byIdentity.forEach((identity, copies) -> {
			boolean ofSecondsCreation = copies.get(0).key().objectId() == Long.parseLong(second)
					&& !"Sec".equals(copies.get(0).event().propertyValue());
			assertThat(copies).as(identity).hasSize(ofSecondsCreation ? 2 : 1);
			assertThat(copies).extracting((event) -> event.event().raw())
				.as(identity)
				.containsOnly(copies.get(0).event().raw());
		});
	}

	private static List<HubSpotEvent> events(TopicReader topics) {
		return topics.all(Topics.HUBSPOT_EVENTS, (record) -> JournalSetup.ofPortal(record, PORTAL))
			.stream()
			.map(JournalSetup::event)
			.toList();
	}

	private static Map<String, Long> counts(TopicReader topics) {
		return events(topics).stream()
			.collect(Collectors.groupingBy((event) -> event.key().toString(), Collectors.counting()));
	}

	private static String key(String id) {
		return PORTAL + ":0-1:" + id;
	}

	private static String create(String email) {
		return hubspot.get()
			.admin()
			.call("POST", "/crm/v3/objects/contacts", Map.of("properties", Map.of("email", email)),
					HubSpotEmulator.USER_TOKEN)
			.get("id")
			.asString();
	}

	/**
	 * Stores the first position; at the second, closes the ingress instead of storing.
	 */
	record KillingStore(OffsetStore real, ConfigurableApplicationContext context,
			AtomicInteger stores) implements OffsetStore {

		@Override
		public Optional<Position> load() {
			return this.real.load();
		}

		@Override
		public void store(Position position) {
			if (this.stores.incrementAndGet() == 1) {
				this.real.store(position);
				return;
			}
			CompletableFuture.runAsync(this.context::close);
			throw new IllegalStateException("killed after the publish, before the offset was stored");
		}

	}

}
