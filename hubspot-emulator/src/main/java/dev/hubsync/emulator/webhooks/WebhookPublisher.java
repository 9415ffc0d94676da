package dev.hubsync.emulator.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.hubsync.emulator.storage.Journal;
import dev.hubsync.events.hubspot.ObjectTypes;

/**
 * Turns drafts into HubSpot webhook events for the subscribed ones: ids, portal, app, and
 * HubSpot's field order. Events are journaled here, before the write that caused them is
 * acknowledged, so none is lost to a killed emulator.
 */
public final class WebhookPublisher {

	private final WebhookSettings settings;

	private final WebhookDispatcher dispatcher;

	private final Journal journal;

	private final long portalId;

	private final long appId;

	private final AtomicLong eventIds = new AtomicLong(3_800_000_000L);

	private volatile Consumer<List<EventDraft>> changeFeed = (drafts) -> {
	};

	/**
	 * Creates the publisher.
	 * @param settings the settings in force
	 * @param dispatcher the dispatcher
	 * @param journal the journal
	 * @param portalId the portal
	 * @param appId the subscribing app
	 */
	public WebhookPublisher(WebhookSettings settings, WebhookDispatcher dispatcher, Journal journal, long portalId,
			long appId) {
		this.settings = settings;
		this.dispatcher = dispatcher;
		this.journal = journal;
		this.portalId = portalId;
		this.appId = appId;
	}

	/**
	 * Publishes the subscribed drafts.
	 * @param drafts the changes
	 */
	public void publish(List<EventDraft> drafts) {
		if (!drafts.isEmpty()) {
			this.changeFeed.accept(drafts);
		}
		WebhookSettings.State state = this.settings.current();
		if (state.targetUrl() == null || drafts.isEmpty()) {
			return;
		}
		List<Map<String, Object>> events = new ArrayList<>();
		for (EventDraft draft : drafts) {
			Optional<Integer> subscription = state.subscriptions().match(draft);
			if (subscription.isPresent()) {
				Map<String, Object> event = event(draft, subscription.get());
				this.journal.append(new Journal.Entry("webhook-event", null, event));
				events.add(event);
			}
		}
		this.dispatcher.enqueue(events);
	}

	/**
	 * Sets what sees every change, subscribed by webhooks or not (the webhooks journal,
	 * which has subscriptions of its own).
	 * @param feed the receiver of each write's drafts
	 */
	public void changeFeed(Consumer<List<EventDraft>> feed) {
		this.changeFeed = feed;
	}

	/**
	 * Continues event ids after replayed ones.
	 * @param lastEventId the highest replayed id
	 */
	public void continueAfter(long lastEventId) {
		this.eventIds.accumulateAndGet(lastEventId + 1, Math::max);
	}

	private Map<String, Object> event(EventDraft draft, int subscriptionId) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("eventId", this.eventIds.getAndIncrement());
		event.put("subscriptionId", subscriptionId);
		event.put("portalId", this.portalId);
		event.put("appId", this.appId);
		event.put("occurredAt", draft.occurredAt().toEpochMilli());
		String type = Subscriptions.subscriptionType(draft);
		event.put("subscriptionType", type);
		event.put("attemptNumber", 0);
		event.put("objectId", draft.objectId());
		if (type.startsWith("object.") || !isStandard(draft.objectTypeId())) {
			event.put("objectTypeId", draft.objectTypeId());
		}
		draft.fields().forEach((name, value) -> {
			if (!name.startsWith(EventDraft.JOURNAL_ONLY)) {
				event.put(name, value);
			}
		});
		event.put("changeSource", draft.changeSource());
		if (draft.sourceId() != null) {
			event.put("sourceId", draft.sourceId());
		}
		return event;
	}

	private static boolean isStandard(String objectTypeId) {
		return ObjectTypes.CONTACTS.equals(objectTypeId) || ObjectTypes.COMPANIES.equals(objectTypeId)
				|| ObjectTypes.DEALS.equals(objectTypeId) || ObjectTypes.TICKETS.equals(objectTypeId);
	}

}
