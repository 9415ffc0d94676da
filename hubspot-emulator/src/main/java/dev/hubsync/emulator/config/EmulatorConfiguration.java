package dev.hubsync.emulator.config;

import java.nio.file.Path;
import java.time.Clock;

import dev.hubsync.emulator.EmulatorProperties;
import dev.hubsync.emulator.associations.AssociationStore;
import dev.hubsync.emulator.crm.CrmStore;
import dev.hubsync.emulator.crm.ObjectViews;
import dev.hubsync.emulator.crm.ObjectWriter;
import dev.hubsync.emulator.crm.WriteRules;
import dev.hubsync.emulator.customobjects.CustomObjects;
import dev.hubsync.emulator.faults.Faults;
import dev.hubsync.emulator.owners.Owners;
import dev.hubsync.emulator.pipelines.Pipelines;
import dev.hubsync.emulator.ratelimit.RateLimiter;
import dev.hubsync.emulator.requestlog.RequestLog;
import dev.hubsync.emulator.schema.DefaultData;
import dev.hubsync.emulator.schema.PropertySchema;
import dev.hubsync.emulator.storage.FileJournal;
import dev.hubsync.emulator.storage.Journal;
import dev.hubsync.emulator.webhooks.WebhookDispatcher;
import dev.hubsync.emulator.webhooks.WebhookPublisher;
import dev.hubsync.emulator.webhooks.WebhookSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the emulator's state and services. */
@Configuration(proxyBeanMethods = false)
class EmulatorConfiguration {

	@Bean
	Clock emulatorClock() {
		return Clock.systemUTC();
	}

	@Bean
	DefaultData defaultData(JsonMapper json) {
		return DefaultData.load(json);
	}

	@Bean(destroyMethod = "close")
	Journal journal(EmulatorProperties properties, JsonMapper json) {
		Path dir = properties.storage().dir();
		return (dir != null) ? new FileJournal(dir, json) : Journal.NONE;
	}

	@Bean
	PropertySchema propertySchema(DefaultData data, Pipelines pipelines, Journal journal, Clock clock) {
		return new PropertySchema(data.withOptions(pipelines.propertyOptions()), journal, clock);
	}

	@Bean
	CrmStore crmStore(PropertySchema schema, Journal journal, JsonMapper json, EmulatorProperties properties) {
		return new CrmStore(schema, journal, json, properties.idBase());
	}

	@Bean
	WebhookSettings webhookSettings(EmulatorProperties properties) {
		return new WebhookSettings(properties.webhook());
	}

	@Bean(destroyMethod = "close")
	WebhookDispatcher webhookDispatcher(WebhookSettings settings, EmulatorProperties properties, Journal journal,
			JsonMapper json, Clock clock) {
		return new WebhookDispatcher(settings, properties.webhook(), journal, json, clock);
	}

	@Bean
	WebhookPublisher webhookPublisher(WebhookSettings settings, WebhookDispatcher dispatcher, Journal journal,
			EmulatorProperties properties) {
		return new WebhookPublisher(settings, dispatcher, journal, properties.portalId(), properties.webhook().appId());
	}

	@Bean
	AssociationStore associationStore(CrmStore store, WebhookPublisher publisher, Journal journal, Clock clock) {
		return new AssociationStore(store, publisher, journal, clock);
	}

	@Bean
	WriteRules writeRules() {
		return new WriteRules();
	}

	@Bean
	Owners owners(DefaultData data, Journal journal) {
		return new Owners(data.owners(), journal);
	}

	@Bean
	CustomObjects customObjects(PropertySchema schema, AssociationStore associations, Journal journal,
			EmulatorProperties properties) {
		return new CustomObjects(schema, associations, journal, properties.portalId());
	}

	@Bean
	Pipelines pipelines(EmulatorProperties properties, Clock clock) {
		return new Pipelines(properties.portalId(), clock.instant());
	}

	@Bean
	ObjectWriter objectWriter(CrmStore store, WebhookPublisher publisher, Owners owners, AssociationStore associations,
			Clock clock, WriteRules rules, Pipelines pipelines) {
		return new ObjectWriter(store, publisher, owners::activeIds, associations, clock, rules, pipelines);
	}

	@Bean
	ObjectViews objectViews(PropertySchema schema) {
		return new ObjectViews(schema);
	}

	@Bean
	RateLimiter rateLimiter(EmulatorProperties properties, Clock clock) {
		return new RateLimiter(properties.rateLimit(), properties.portalId(), clock);
	}

	@Bean
	Faults faults(Clock clock) {
		return new Faults(clock);
	}

	@Bean
	RequestLog requestLog(EmulatorProperties properties) {
		return new RequestLog(properties.requestLogCapacity());
	}

	@Bean
	StateRecovery stateRecovery(Journal journal, PropertySchema schema, CustomObjects customObjects, CrmStore store,
			AssociationStore associations, Owners owners, WebhookDispatcher dispatcher, WebhookPublisher publisher,
			WebhookSettings settings, JsonMapper json) {
		return new StateRecovery(journal, schema, customObjects, store, associations, owners, dispatcher, publisher,
				settings, json);
	}

}
