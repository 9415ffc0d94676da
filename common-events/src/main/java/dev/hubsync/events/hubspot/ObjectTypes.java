package dev.hubsync.events.hubspot;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HubSpot object type ids and the names webhooks and paths use for them. Object types are
 * data (custom objects are {@code 2-<n>}), so this is a catalogue, not an enum.
 */
public final class ObjectTypes {

	/** Contacts. */
	public static final String CONTACTS = "0-1";

	/** Companies. */
	public static final String COMPANIES = "0-2";

	/** Deals. */
	public static final String DEALS = "0-3";

	/** Tickets. */
	public static final String TICKETS = "0-5";

	/** Tasks (an engagement: generic {@code object.*} webhooks only). */
	public static final String TASKS = "0-27";

	/** Notes (an engagement: generic {@code object.*} webhooks only). */
	public static final String NOTES = "0-46";

	private static final Pattern OBJECT_TYPE_ID = Pattern.compile("[0-9]+-[0-9]+");

	/** Legacy webhook prefix ({@code contact.creation}) to object type id. */
	private static final Map<String, String> BY_WEBHOOK_PREFIX = Map.of("contact", CONTACTS, "company", COMPANIES,
			"deal", DEALS, "ticket", TICKETS, "product", "0-7", "line_item", "0-8");

	/**
	 * API path name ({@code contacts} in {@code /crm/objects/2026-09/contacts} or
	 * {@code /crm/v3/objects/contacts}) to object type id.
	 */
	private static final Map<String, String> BY_PATH_NAME = Map.of("contacts", CONTACTS, "companies", COMPANIES,
			"deals", DEALS, "tickets", TICKETS, "products", "0-7", "line_items", "0-8", "tasks", TASKS, "notes", NOTES,
			"meetings", "0-47", "calls", "0-48");

	private static final Map<String, String> PATH_NAME_BY_ID = Map.of(CONTACTS, "contacts", COMPANIES, "companies",
			DEALS, "deals", TICKETS, "tickets", "0-7", "products", "0-8", "line_items", TASKS, "tasks", NOTES, "notes",
			"0-47", "meetings", "0-48", "calls");

	private ObjectTypes() {
	}

	/**
	 * Tells whether a string is an object type id such as {@code 0-1} or {@code 2-7391}.
	 * @param value the string
	 * @return whether it has the shape of an object type id
	 */
	public static boolean isObjectTypeId(String value) {
		return OBJECT_TYPE_ID.matcher(value).matches();
	}

	/**
	 * Resolves the prefix of a legacy subscription type.
	 * @param prefix e.g. {@code contact}
	 * @return the object type id, if the prefix names a standard object
	 */
	public static Optional<String> byWebhookPrefix(String prefix) {
		return Optional.ofNullable(BY_WEBHOOK_PREFIX.get(prefix));
	}

	/**
	 * Resolves a path segment: a path name such as {@code contacts} or an object type id.
	 * @param segment the path segment
	 * @return the object type id, if the segment names one
	 */
	public static Optional<String> byPathSegment(String segment) {
		if (isObjectTypeId(segment)) {
			return Optional.of(segment);
		}
		return Optional.ofNullable(BY_PATH_NAME.get(segment.toLowerCase(Locale.ROOT)));
	}

	/**
	 * Returns the API path name of an object type.
	 * @param objectTypeId the object type id
	 * @return {@code contacts} for {@code 0-1}; the id itself for custom objects
	 */
	public static String pathName(String objectTypeId) {
		return PATH_NAME_BY_ID.getOrDefault(objectTypeId, objectTypeId);
	}

	/**
	 * Resolves the upper-case names of legacy association types
	 * ({@code CONTACT_TO_COMPANY}).
	 * @param name e.g. {@code CONTACT}
	 * @return the object type id, if the name is a standard object's
	 */
	public static Optional<String> byAssociationName(String name) {
		return byWebhookPrefix(name.toLowerCase(Locale.ROOT));
	}

}
