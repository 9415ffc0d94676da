package dev.hubsync.chaos.workload;

import java.util.List;
import java.util.Map;

/**
 * The object types the workload writes, with their mapped fields (HubSpot property →
 * platform column), as the demo mapping maps them.
 */
public enum ObjectKind {

	/** HubSpot contacts ↔ platform leads. */
	CONTACT("contacts", "0-1", "leads",
			Map.of("email", "email", "firstname", "first_name", "lastname", "last_name", "phone", "phone")),

	/** HubSpot companies ↔ platform companies. */
	COMPANY("companies", "0-2", "companies", Map.of("name", "name", "domain", "domain", "industry", "industry"));

	/** The field holding a contact's company association, in the ledger. */
	public static final String COMPANY_FIELD = "company";

	private final String hubspotType;

	private final String objectTypeId;

	private final String table;

	private final Map<String, String> columns;

	ObjectKind(String hubspotType, String objectTypeId, String table, Map<String, String> columns) {
		this.hubspotType = hubspotType;
		this.objectTypeId = objectTypeId;
		this.table = table;
		this.columns = columns;
	}

	/**
	 * Returns HubSpot's object type name.
	 * @return e.g. {@code contacts}
	 */
	public String hubspotType() {
		return this.hubspotType;
	}

	/**
	 * Returns HubSpot's object type id.
	 * @return e.g. {@code 0-1}
	 */
	public String objectTypeId() {
		return this.objectTypeId;
	}

	/**
	 * Returns the platform table.
	 * @return e.g. {@code leads}
	 */
	public String table() {
		return this.table;
	}

	/**
	 * Returns the mapped fields.
	 * @return HubSpot property → platform column
	 */
	public Map<String, String> columns() {
		return this.columns;
	}

	/**
	 * Returns the fields the workload edits and clears (not the identity: email, name).
	 * @return HubSpot property names
	 */
	public List<String> editable() {
		return (this == CONTACT) ? List.of("firstname", "lastname", "phone") : List.of("domain", "industry");
	}

}
