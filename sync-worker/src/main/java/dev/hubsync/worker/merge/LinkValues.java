package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a link remembers per field for the merge.
 *
 * @param ancestors per property, the last value both sides held (canonical HubSpot form)
 * @param platformChangedAt per property, the commit time of a product change the sync has
 * seen but not yet settled (a conflict under review, a one-way field kept)
 * @param hubspotSeen per property, the newest HubSpot history entry the sync has
 * accounted for
 */
public record LinkValues(Map<String, String> ancestors, Map<String, Instant> platformChangedAt,
		Map<String, Instant> hubspotSeen) {

	/** A link that has never synced a value (first link). */
	public static final LinkValues NONE = new LinkValues(Map.of(), Map.of(), Map.of());

	/**
	 * Freezes the maps.
	 * @param ancestors the ancestors
	 * @param platformChangedAt the product change times
	 * @param hubspotSeen the HubSpot history positions
	 */
	public LinkValues {
		ancestors = Map.copyOf(ancestors);
		platformChangedAt = Map.copyOf(platformChangedAt);
		hubspotSeen = Map.copyOf(hubspotSeen);
	}

	/**
	 * Returns a field's ancestor.
	 * @param property the field's property
	 * @return the value, or null on first link
	 */
	public @Nullable String ancestor(String property) {
		return this.ancestors.get(property);
	}

	/**
	 * Returns the product change time the link kept for a field, when it belongs to the
	 * value the row holds now: a time kept for another value (a value HubSpot refused,
	 * since replaced in the product) is no time for this one, whose own change event
	 * brings it. Times kept before they were tied to their value count as before.
	 * @param property the field's property
	 * @param platform the row's value, canonical
	 * @return the time, or null when none belongs to the value
	 */
	public @Nullable Instant keptTime(String property, String platform) {
		Instant kept = this.platformChangedAt.get(property);
		if (kept == null) {
			return null;
		}
		String prefix = property + VALUE_TAG;
		String marks = property + FIRST_LINK_TAG;
		boolean tied = this.platformChangedAt.keySet()
			.stream()
			.anyMatch((key) -> key.startsWith(prefix) && !key.startsWith(marks));
		return tied ? this.platformChangedAt.get(valueKey(property, platform)) : kept;
	}

	/**
	 * Returns the ancestor a field's merge starts from: the last-synced value; else, for
	 * a field whose first link was decided for the product and is still being written to
	 * HubSpot, the first link again while HubSpot holds the value it held then, and
	 * {@link Ancestor#diverged() diverged} once HubSpot changed it (both sides then hold
	 * a change since the decision: the rule decides, by the change times under
	 * {@code LATEST_WINS}, rather than the first link's "one side empty" rule, under
	 * which a HubSpot clear would lose to the product's older value); else the first
	 * link.
	 * @param property the field's property
	 * @param hubspot HubSpot's current value, canonical
	 * @return the ancestor
	 */
	public Ancestor ancestorOf(String property, String hubspot) {
		String last = this.ancestors.get(property);
		if (last != null) {
			return Ancestor.of(last);
		}
		String marks = property + FIRST_LINK_TAG;
		boolean marked = this.platformChangedAt.keySet().stream().anyMatch((key) -> key.startsWith(marks));
		if (!marked || this.platformChangedAt.containsKey(firstLinkKey(property, hubspot))) {
			return Ancestor.none();
		}
		return Ancestor.diverged();
	}

	/**
	 * Marks a field whose first link was decided for the product while the write to
	 * HubSpot is pending, with the value HubSpot held ({@link #ancestorOf}); cleared with
	 * the field's kept times once the field is settled.
	 * @param times the times to record
	 * @param property the property
	 * @param hubspot the value HubSpot held, canonical
	 * @param at when HubSpot's value was last changed (or any time: only the key counts)
	 */
	public static void markFirstLink(Map<String, Instant> times, String property, String hubspot, Instant at) {
		times.put(firstLinkKey(property, hubspot), at);
	}

	/** Separates a property from the digest of HubSpot's value in a first-link mark. */
	static final String FIRST_LINK_TAG = "@h";

	private static String firstLinkKey(String property, String hubspot) {
		return property + FIRST_LINK_TAG + digest(hubspot);
	}

	/** Separates a property from its value's digest in a kept time's key. */
	public static final String VALUE_TAG = "@";

	/**
	 * The key a kept product time is stored under beside its property's, tying it to the
	 * value it is the time of (a digest: values may be long, or personal).
	 * @param property the property
	 * @param platform the value, canonical
	 * @return the key
	 */
	public static String valueKey(String property, String platform) {
		return property + VALUE_TAG + digest(platform);
	}

	private static String digest(String value) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest(FieldMerge.normalise(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/**
	 * Adds the kept time of a field's value: under the property, and under its value's
	 * key.
	 * @param times the times to record
	 * @param property the property
	 * @param platform the value, canonical
	 * @param at its time
	 */
	public static void keep(Map<String, Instant> times, String property, String platform, Instant at) {
		times.put(property, at);
		times.put(valueKey(property, platform), at);
	}

}
