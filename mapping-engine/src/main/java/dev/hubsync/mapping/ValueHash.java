package dev.hubsync.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable hash of a record's mapped values (ARCHITECTURE §5): SHA-256 over each
 * field's property name and canonical HubSpot value, in the mapping's field order,
 * truncated to 128 bits and written as hex. Both sides hash the same canonical form, so a
 * platform row and a HubSpot record holding the same values hash equal.
 */
final class ValueHash {

	private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(ValueHash::sha256);

	private static final byte FIELD_SEPARATOR = 0x1f;

	private static final byte RECORD_SEPARATOR = 0x1e;

	private ValueHash() {
	}

	static String of(CompiledField[] fields, String[] canonicalValues) {
		MessageDigest digest = DIGESTS.get();
		digest.reset();
		for (int i = 0; i < fields.length; i++) {
			digest.update(fields[i].property().getBytes(StandardCharsets.UTF_8));
			digest.update(FIELD_SEPARATOR);
			digest.update(canonicalValues[i].getBytes(StandardCharsets.UTF_8));
			digest.update(RECORD_SEPARATOR);
		}
		byte[] hash = digest.digest();
		return HexFormat.of().formatHex(hash, 0, 16);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
