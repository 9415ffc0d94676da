package dev.hubsync.mapping.matching;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The keys records are matched by when no link exists (ARCHITECTURE §6): normalised
 * emails, including HubSpot's {@code hs_additional_emails}, and the advisory lock key
 * under which matching and creation for one identity run.
 */
public final class MatchKeys {

	/** HubSpot's property listing a contact's further emails, {@code ;}-separated. */
	public static final String ADDITIONAL_EMAILS = "hs_additional_emails";

	private MatchKeys() {
	}

	/**
	 * Normalises an email address for matching: trimmed, lower case.
	 * @param email the address
	 * @return the normalised address, or null when blank
	 */
	public static @Nullable String normaliseEmail(@Nullable String email) {
		if (email == null) {
			return null;
		}
		String trimmed = email.strip();
		return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns a HubSpot contact's normalised emails: the primary one first, then the
	 * additional ones.
	 * @param properties the contact's properties
	 * @param emailProperty the primary email's property
	 * @return the emails, without duplicates
	 */
	public static List<String> emails(Map<String, @Nullable String> properties, String emailProperty) {
		List<String> emails = new ArrayList<>(2);
		String primary = normaliseEmail(properties.get(emailProperty));
		if (primary != null) {
			emails.add(primary);
		}
		String additional = properties.get(ADDITIONAL_EMAILS);
		if (additional != null) {
			for (String email : additional.split(";")) {
				String normalised = normaliseEmail(email);
				if (normalised != null && !emails.contains(normalised)) {
					emails.add(normalised);
				}
			}
		}
		return emails;
	}

	/**
	 * Returns the key of {@code pg_advisory_xact_lock(bigint)} for an identity: the first
	 * eight bytes of SHA-256 over the object type and the normalised match key, so the
	 * same person seen from both sides at once takes the same lock.
	 * @param objectTypeId the object type
	 * @param matchKey the normalised key (an email, a record id)
	 * @return the lock key
	 */
	public static long lockKey(String objectTypeId, String matchKey) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(objectTypeId.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			byte[] hash = digest.digest(matchKey.getBytes(StandardCharsets.UTF_8));
			long key = 0;
			for (int i = 0; i < 8; i++) {
				key = (key << 8) | (hash[i] & 0xff);
			}
			return key;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
