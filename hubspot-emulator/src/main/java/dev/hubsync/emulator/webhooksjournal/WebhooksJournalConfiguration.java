package dev.hubsync.emulator.webhooksjournal;

import java.time.Clock;
import java.util.Map;

import dev.hubsync.emulator.EmulatorProperties;
import dev.hubsync.emulator.crm.CrmStore;
import dev.hubsync.emulator.crm.StoredObject;
import dev.hubsync.emulator.oauth.OAuthServer;
import dev.hubsync.emulator.webhooks.WebhookPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the journal and feeds it every change that may make a webhook. */
@Configuration(proxyBeanMethods = false)
class WebhooksJournalConfiguration {

	@Bean
	JournalSubscriptions journalSubscriptions(Clock clock, EmulatorProperties properties) {
		return new JournalSubscriptions(clock, properties.webhook().appId());
	}

	@Bean
	JournalFilters journalFilters(Clock clock) {
		return new JournalFilters(clock);
	}

	@Bean
	WebhooksJournal webhooksJournal(Clock clock, EmulatorProperties emulator, JournalSubscriptions subscriptions,
			WebhooksJournalProperties properties, WebhookPublisher publisher, JournalFilters filters, CrmStore store) {
		// filters look at the record as the write left it
		WebhooksJournal journal = new WebhooksJournal(clock, emulator.portalId(), subscriptions, properties, filters,
				(type, id) -> store.find(type, id).map(StoredObject::properties).orElse(Map.of()));
		publisher.changeFeed(journal::record);
		return journal;
	}

	@Bean
	EntryFiles entryFiles(Clock clock, WebhooksJournalProperties properties) {
		return new EntryFiles(clock, properties);
	}

	@Bean
	Snapshots snapshots(WebhooksJournal journal, CrmStore store, Clock clock, EmulatorProperties emulator) {
		return new Snapshots(journal, store, clock, emulator.portalId());
	}

	@Bean
	JournalAccess journalAccess(OAuthServer oauth) {
		return new JournalAccess(oauth);
	}

}
