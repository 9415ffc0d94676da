package dev.hubsync.emulator.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hubsync.events.hubspot.ObjectTypes;

/**
 * The app's webhook subscriptions. An entry is {@code <prefix>.<action>}, optionally with
 * {@code :<property>} for one property's changes, or
 * {@code object.<action>:<objectTypeId>} for generic subscriptions. A property-change
 * subscription without a property covers every property apps may subscribe to:
 * system-maintained ones ({@code hs_lastmodifieddate} and the like) never fire (reference
 * §9.2, §12.11).
 */
public final class Subscriptions {

	/** Properties that never fire property changes. */
	public static final Set<String> SYSTEM_PROPERTIES = Set.of("hs_lastmodifieddate", "lastmodifieddate", "createdate",
			"hs_object_id", "num_unique_conversion_events", "hs_merged_object_ids");

	private static final List<String> ACTIONS = List.of("creation", "deletion", "propertyChange", "merge", "restore",
			"associationChange");

	private static final Map<String, String> PREFIXES = Map.of(ObjectTypes.CONTACTS, "contact", ObjectTypes.COMPANIES,
			"company", ObjectTypes.DEALS, "deal", ObjectTypes.TICKETS, "ticket");

	private final List<Subscription> entries;

	private Subscriptions(List<Subscription> entries) {
		this.entries = List.copyOf(entries);
	}

	/**
	 * Parses subscriptions; an empty list means the defaults.
	 * @param specs the entries
	 * @return the subscriptions
	 */
	public static Subscriptions parse(List<String> specs) {
		List<String> effective = specs.isEmpty() ? defaults() : specs;
		List<Subscription> entries = new ArrayList<>();
		for (int i = 0; i < effective.size(); i++) {
			entries.add(Subscription.parse(i + 1, effective.get(i).trim()));
		}
		return new Subscriptions(entries);
	}

	/**
	 * Returns the default subscriptions: every action for contacts, companies, deals and
	 * tickets, every generic action (tasks, notes, custom objects: v3 has no named
	 * subscriptions for them), and contact privacy deletions.
	 * @return the entries
	 */
	public static List<String> defaults() {
		List<String> defaults = new ArrayList<>();
		for (String prefix : List.of("contact", "company", "deal", "ticket", "object")) {
			ACTIONS.forEach((action) -> defaults.add(prefix + "." + action));
		}
		defaults.add("contact.privacyDeletion");
		return defaults;
	}

	/**
	 * Returns the subscription type of a draft: legacy form for standard objects, generic
	 * form otherwise.
	 * @param draft the draft
	 * @return e.g. {@code contact.propertyChange} or {@code object.creation}
	 */
	public static String subscriptionType(EventDraft draft) {
		return PREFIXES.getOrDefault(draft.objectTypeId(), "object") + "." + draft.action();
	}

	/**
	 * Finds the subscription a draft falls under.
	 * @param draft the draft
	 * @return the subscription's id, if subscribed
	 */
	public Optional<Integer> match(EventDraft draft) {
		String type = subscriptionType(draft);
		Object property = draft.fields().get("propertyName");
		if (property != null && SYSTEM_PROPERTIES.contains(property.toString())) {
			return Optional.empty();
		}
		for (Subscription entry : this.entries) {
			if (entry.matches(type, draft.objectTypeId(), (property != null) ? property.toString() : null)) {
				return Optional.of(entry.id());
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns the entries as configured.
	 * @return the specs
	 */
	public List<String> specs() {
		return this.entries.stream().map(Subscription::spec).toList();
	}

	private record Subscription(int id, String spec, String type, String qualifier) {

		static Subscription parse(int id, String spec) {
			int colon = spec.indexOf(':');
			String type = (colon < 0) ? spec : spec.substring(0, colon);
			String qualifier = (colon < 0) ? "" : spec.substring(colon + 1);
			if (!type.contains(".")) {
				throw new IllegalArgumentException("not a subscription: '" + spec + "'");
			}
			return new Subscription(id, spec, type, qualifier);
		}

		boolean matches(String eventType, String objectTypeId, String property) {
			if (!this.type.equals(eventType)) {
				return false;
			}
			if (this.type.startsWith("object.")) {
				return this.qualifier.isEmpty() || this.qualifier.equals(objectTypeId);
			}
			return this.qualifier.isEmpty() || this.qualifier.equals(property);
		}

	}

}
