package dev.hubsync.emulator.webhooksjournal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Entry files behind pre-signed URLs, as a storage host serves them: the URL carries its
 * expiry and an HMAC of offset and expiry under a key of this run, is fetched without an
 * {@code Authorization} header, and stops working at {@code expiresAt} (403).
 */
final class EntryFiles {

	/** The path the files are served under (no token needed, as on a storage host). */
	static final String PATH = "/_emulator/webhooks-journal/files";

	private final byte[] key = new byte[32];

	private final Clock clock;

	private final WebhooksJournalProperties properties;

	EntryFiles(Clock clock, WebhooksJournalProperties properties) {
		this.clock = clock;
		this.properties = properties;
		new SecureRandom().nextBytes(this.key);
	}

	/**
	 * Describes an entry as the journal API answers it.
	 * @param entry the entry
	 * @param base the emulator's base URL as the caller reached it
	 * @return {@code {currentOffset, expiresAt, url}}
	 */
	Map<String, Object> fetchResponse(JournalEntry entry, String base) {
		Instant expiresAt = this.clock.instant().plus(this.properties.urlValidity());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("currentOffset", entry.offset().toString());
		body.put("expiresAt", expiresAt.toString());
		body.put("url", base + PATH + "/" + entry.offset() + "?expires=" + expiresAt.toEpochMilli() + "&signature="
				+ signature(entry.offset(), expiresAt.toEpochMilli()));
		return body;
	}

	/**
	 * Checks a presented URL.
	 * @param offset the entry's offset
	 * @param expires the expiry it carries
	 * @param signature the signature it carries
	 * @return whether it is authentic and not expired
	 */
	boolean valid(UUID offset, long expires, String signature) {
		boolean authentic = MessageDigest.isEqual(signature(offset, expires).getBytes(StandardCharsets.UTF_8),
				signature.getBytes(StandardCharsets.UTF_8));
		return authentic && this.clock.millis() < expires;
	}

	/**
	 * Renders an entry file.
	 * @param entry the entry
	 * @return its JSON tree
	 */
	Map<String, Object> file(JournalEntry entry) {
		Map<String, Object> file = new LinkedHashMap<>();
		file.put("offset", entry.offset().toString());
		file.put("publishedAt", time(entry.publishedAt()));
		List<Map<String, Object>> events = new ArrayList<>();
		for (Map<String, Object> event : entry.events()) {
			Map<String, Object> copy = new LinkedHashMap<>(event);
			copy.put("occurredAt", time((Instant) event.get("occurredAt")));
			events.add(copy);
		}
		file.put("journalEvents", events);
		return file;
	}

	private Object time(Instant instant) {
		return (this.properties.timeFormat() == WebhooksJournalProperties.TimeFormat.ISO) ? instant.toString()
				: instant.toEpochMilli();
	}

	private String signature(UUID offset, long expires) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((offset + ":" + expires).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

}
