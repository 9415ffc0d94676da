package dev.hubsync.emulator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.associations.AssociationStore;
import dev.hubsync.emulator.crm.CrmStore;
import dev.hubsync.emulator.customobjects.CustomObjects;
import dev.hubsync.emulator.owners.Owners;
import dev.hubsync.emulator.schema.DefaultData;
import dev.hubsync.emulator.schema.PropertyDef;
import dev.hubsync.emulator.schema.PropertySchema;
import dev.hubsync.emulator.storage.Journal;
import dev.hubsync.emulator.webhooks.Subscriptions;
import dev.hubsync.emulator.webhooks.WebhookDispatcher;
import dev.hubsync.emulator.webhooks.WebhookPublisher;
import dev.hubsync.emulator.webhooks.WebhookSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * At start-up, before the server accepts requests: replays the journal into the stores
 * (owners too), compacts it into a fresh one holding only the current state, then starts
 * webhook delivery (pending deliveries of a killed emulator go out first).
 */
final class StateRecovery implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(StateRecovery.class);

	private final Journal journal;

	private final PropertySchema schema;

	private final CrmStore store;

	private final AssociationStore associations;

	private final Owners owners;

	private final WebhookDispatcher dispatcher;

	private final WebhookPublisher publisher;

	private final CustomObjects customObjects;

	private final WebhookSettings settings;

	private final JsonMapper json;

	StateRecovery(Journal journal, PropertySchema schema, CustomObjects customObjects, CrmStore store,
			AssociationStore associations, Owners owners, WebhookDispatcher dispatcher, WebhookPublisher publisher,
			WebhookSettings settings, JsonMapper json) {
		this.journal = journal;
		this.schema = schema;
		this.customObjects = customObjects;
		this.store = store;
		this.associations = associations;
		this.owners = owners;
		this.dispatcher = dispatcher;
		this.publisher = publisher;
		this.settings = settings;
		this.json = json;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<Journal.Entry> entries = this.journal.replay();
		if (!entries.isEmpty()) {
			replay(entries);
			this.journal.rewrite(state());
			logger.info("Recovered emulator state from {} journal entries: {} contacts, {} companies, {} deals",
					entries.size(), this.store.count("0-1"), this.store.count("0-2"), this.store.count("0-3"));
		}
		this.dispatcher.start();
	}

	private void replay(List<Journal.Entry> entries) {
		long lastEventId = 0;
		for (Journal.Entry entry : entries) {
			JsonNode data = (JsonNode) entry.data();
			switch (entry.kind()) {
				case "property" -> this.schema.put(entry.type(), this.json.treeToValue(data, PropertyDef.class), false);
				case "custom-object" ->
					this.customObjects.replay(this.json.treeToValue(data, CustomObjects.Schema.class));
				case "group" -> this.schema.putGroup(entry.type(), data.get("name").asString(),
						data.get("label").asString(), false);
				case "object", "object-deleted" -> this.store.replay(entry);
				case "association" -> this.associations.replay(entry);
				case Owners.OWNER -> this.owners.replay(entry, this.json.treeToValue(data, DefaultData.Owner.class));
				case Owners.RESET -> this.owners.replay(entry, null);
				case "webhook-settings" -> applySettings(data);
				case "webhook-event" -> lastEventId = Math.max(lastEventId, data.get("eventId").asLong());
				default -> {
				}
			}
		}
		this.publisher.continueAfter(lastEventId);
		this.dispatcher.replay(entries);
	}

	private void applySettings(JsonNode data) {
		WebhookSettings.State current = this.settings.current();
		List<String> subscriptions = new ArrayList<>();
		data.path("subscriptions").forEach((node) -> subscriptions.add(node.asString()));
		List<String> versions = new ArrayList<>();
		data.path("signatureVersions").forEach((node) -> versions.add(node.asString()));
		this.settings.setThroughApi(new WebhookSettings.State(
				data.hasNonNull("targetUrl") ? data.get("targetUrl").asString() : null,
				data.hasNonNull("clientSecret") ? data.get("clientSecret").asString() : current.clientSecret(),
				data.hasNonNull("subscriptions") ? Subscriptions.parse(subscriptions) : current.subscriptions(),
				data.hasNonNull("signatureVersions") ? versions : current.signatureVersions(), current.faults()));
	}

	private List<Journal.Entry> state() {
		List<Journal.Entry> state = new ArrayList<>(this.customObjects.snapshot());
		this.schema.custom()
			.forEach((type, defs) -> defs.forEach((def) -> state.add(Journal.Entry.property(type, def))));
		if (this.settings.setThroughApi()) {
			WebhookSettings.State settings = this.settings.current();
			Map<String, Object> webhook = new java.util.LinkedHashMap<>();
			webhook.put("targetUrl", settings.targetUrl());
			webhook.put("clientSecret", settings.clientSecret());
			webhook.put("subscriptions", settings.subscriptions().specs());
			webhook.put("signatureVersions", settings.signatureVersions());
			state.add(new Journal.Entry("webhook-settings", null, webhook));
		}
		state.addAll(this.store.snapshot());
		state.addAll(this.associations.snapshot());
		state.addAll(this.owners.snapshot());
		state.addAll(this.dispatcher.snapshot());
		return state;
	}

}
