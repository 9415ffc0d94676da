package dev.hubsync.chaos.workload;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.hubsync.chaos.stack.EmulatorControl;
import dev.hubsync.chaos.stack.Stack;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.associations.AssociatedObject;
import dev.hubsync.hubspot.associations.AssociationSpec;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.transport.RetrySettings;

/**
 * Writes HubSpot as a person in HubSpot's UI would (the user token: changes arrive as
 * {@code CRM_UI}, never as HubSync's echoes), one record per call. Injected 429s and 5xx
 * hit these calls too; they are retried, as a person would try again.
 */
public final class HubSpotWriter {

	/** HubSpot's contact → company association type that is primary. */
	public static final int CONTACT_TO_COMPANY_PRIMARY = 1;

	private final HubSpotClient user;

	private final EmulatorControl control;

	/**
	 * Creates a writer.
	 * @param hubspot HubSpot's (the emulator's) base URL
	 * @param control the emulator's admin API, for restores (a UI-only action)
	 */
	public HubSpotWriter(URI hubspot, EmulatorControl control) {
		this.user = HubSpotClient.builder()
			.baseUrl(hubspot)
			.tokens(TokenProvider.of(Stack.USER_TOKEN))
			.retry(new RetrySettings(8, Duration.ofMillis(250), Duration.ofSeconds(4), 2, 0.2))
			.requestTimeout(Duration.ofSeconds(15))
			.build();
		this.control = control;
	}

	/**
	 * Returns the client, for reads.
	 * @return the user's client
	 */
	public HubSpotClient client() {
		return this.user;
	}

	/**
	 * Creates a record.
	 * @param kind the object type
	 * @param values its properties
	 * @return the record (its id and change time)
	 */
	public HubSpotObject create(ObjectKind kind, Map<String, String> values) {
		return this.user.objects().create(kind.hubspotType(), values, null);
	}

	/**
	 * Sets (or, with an empty string, clears) properties of a record.
	 * @param kind the object type
	 * @param id the record
	 * @param values the properties (one, as the workload writes them)
	 * @return the change time, or {@code null} when the property held the value already
	 */
	public @org.jspecify.annotations.Nullable Instant update(ObjectKind kind, String id, Map<String, String> values) {
		HubSpotObject updated = this.user.objects().update(kind.hubspotType(), id, values);
		Instant at = (updated.updatedAt() != null) ? updated.updatedAt() : Instant.now();
		// HubSpot keeps no history entry for a property set to the value it had: such a
		// write is no change, and the property keeps its older change time. The write
		// changed the property when its history holds an entry of this write's time; the
		// newest entry alone may be the sync's, made between this write and the read (a
		// clear of an empty field followed by the sync's write of the product's value was
		// taken for a change: seed 42)
		List<String> properties = List.copyOf(values.keySet());
		String property = properties.get(0);
		java.util.Optional<HubSpotObject> read = this.user.objects()
			.get(kind.hubspotType(), id, new dev.hubsync.hubspot.objects.ReadOptions(properties, properties, false));
		if (read.isEmpty() || read.get().propertiesWithHistory() == null) {
			return at;
		}
		List<dev.hubsync.hubspot.objects.PropertyHistory> history = read.get().propertiesWithHistory().get(property);
		if (history == null || history.isEmpty()) {
			return null;
		}
		Instant ms = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		boolean ours = history.stream()
			.anyMatch((entry) -> entry.timestamp().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).equals(ms));
		return ours ? at : null;
	}

	/**
	 * Tells whether a record exists and is not archived.
	 * @param kind the object type
	 * @param id the record
	 * @return whether it is live
	 */
	public boolean live(ObjectKind kind, String id) {
		return this.user.objects()
			.get(kind.hubspotType(), id, dev.hubsync.hubspot.objects.ReadOptions.properties(List.of("hs_object_id")))
			.isPresent();
	}

	/**
	 * Archives (deletes) a record.
	 * @param kind the object type
	 * @param id the record
	 * @return the change time (when HubSpot answered)
	 */
	public Instant archive(ObjectKind kind, String id) {
		this.user.objects().archive(kind.hubspotType(), id);
		return Instant.now();
	}

	/**
	 * Restores an archived record, as HubSpot's UI does.
	 * @param kind the object type
	 * @param id the record
	 * @return the change time
	 */
	public Instant restore(ObjectKind kind, String id) {
		this.control.restore(kind.hubspotType(), id);
		return Instant.now();
	}

	/**
	 * Merges two records.
	 * @param kind the object type
	 * @param primary the record that stays
	 * @param other the record merged into it
	 * @return the merged record (a new id for contacts and companies)
	 */
	public HubSpotObject merge(ObjectKind kind, String primary, String other) {
		return this.user.objects().merge(kind.hubspotType(), primary, other);
	}

	/**
	 * Makes a company a contact's primary company, or removes the contact's companies.
	 * @param contact the contact
	 * @param company the company, or {@code null} to remove every company association
	 * @return the change time (when HubSpot answered), or {@code null} when it was so
	 * already
	 */
	public @org.jspecify.annotations.Nullable Instant company(String contact,
			@org.jspecify.annotations.Nullable String company) {
		List<AssociatedObject> existing = this.user.associations().list("contacts", contact, "companies");
		boolean already = (company != null) ? existing.size() == 1 && existing.get(0).toObjectId().equals(company)
				&& existing.get(0).hasType(CONTACT_TO_COMPANY_PRIMARY) : existing.isEmpty();
		if (already) {
			return null; // nothing to change: not a change
		}
		for (AssociatedObject association : existing) {
			AssociatedObject existingOne = association;
			if (!existingOne.toObjectId().equals(company)) {
				this.user.associations().remove("contacts", contact, "companies", existingOne.toObjectId());
			}
		}
		if (company != null) {
			this.user.associations()
				.associate("contacts", contact, "companies", company,
						List.of(AssociationSpec.hubspotDefined(CONTACT_TO_COMPANY_PRIMARY)));
		}
		return Instant.now();
	}

}
