package dev.hubsync.hubspot.journal;

import java.util.List;
import java.util.Optional;

import dev.hubsync.hubspot.error.HubSpotNotFoundException;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.transport.HubSpotRequest;
import dev.hubsync.hubspot.transport.HubSpotResponse;
import dev.hubsync.hubspot.transport.HubSpotTransport;
import org.jspecify.annotations.Nullable;

/**
 * Reads the webhooks journal forward ({@code /webhooks-journal/journal[-local]/{v}}).
 * "Caught up" is an empty list whether HubSpot answers 204, a body without {@code url},
 * or an empty batch (the reference's §7 item 7 leaves it open).
 */
public final class JournalClient {

	private final HubSpotTransport transport;

	private final Lane lane;

	private final Variant variant;

	private final @Nullable Long installPortalId;

	/**
	 * Creates a client.
	 * @param transport the transport (its token must be a client-credentials token)
	 * @param lane the lane
	 * @param variant the global or the local journal
	 * @param installPortalId for the local journal, the install's portal
	 */
	public JournalClient(HubSpotTransport transport, Lane lane, Variant variant, @Nullable Long installPortalId) {
		this.transport = transport;
		this.lane = lane;
		this.variant = variant;
		this.installPortalId = installPortalId;
	}

	/**
	 * Reads the oldest entries still kept.
	 * @param count at most this many (1–100)
	 * @return the entries, oldest first; empty when the journal is empty
	 */
	public List<JournalEntryRef> earliest(int count) {
		return batch("journal.earliest", "/batch/earliest/" + count);
	}

	/**
	 * Reads the entries after an offset.
	 * @param offset a previous entry's offset
	 * @param count at most this many (1–100)
	 * @return the entries, oldest first; empty when caught up
	 * @throws JournalOffsetExpiredException when the offset aged out of the retention
	 */
	public List<JournalEntryRef> next(String offset, int count) {
		try {
			return batch("journal.next", "/batch/" + HubSpotRequest.segment(offset) + "/next/" + count);
		}
		catch (HubSpotNotFoundException ex) {
			throw new JournalOffsetExpiredException(offset, ex.error());
		}
	}

	/**
	 * Reads the oldest entry still kept.
	 * @return the entry, or empty for an empty journal (HubSpot's 204)
	 */
	public Optional<JournalEntryRef> earliest() {
		HubSpotResponse response = this.transport.send(request("journal.earliest", "/earliest"), this.lane);
		if (response.status() == 204 || response.body().length == 0) {
			return Optional.empty();
		}
		JournalEntryRef ref = this.transport.read(response, JournalEntryRef.class);
		return (ref.url() != null) ? Optional.of(ref) : Optional.empty();
	}

	/**
	 * Downloads an entry's file by its pre-signed URL, without a token.
	 * @param entry the entry
	 * @return the file's bytes (JSON)
	 * @throws JournalFileExpiredException when the URL no longer works
	 */
	public byte[] download(JournalEntryRef entry) {
		if (entry.url() == null) {
			throw new IllegalArgumentException("entry " + entry.currentOffset() + " has no URL");
		}
		HubSpotResponse response = this.transport.download(entry.url());
		if (response.status() == 403 || response.status() == 404) {
			throw new JournalFileExpiredException(entry.url(), response.status());
		}
		return response.body();
	}

	private List<JournalEntryRef> batch(String operation, String suffix) {
		HubSpotResponse response = this.transport.send(request(operation, suffix), this.lane);
		if (response.status() == 204 || response.body().length == 0) {
			return List.of();
		}
		Batch batch = this.transport.read(response, Batch.class);
		return batch.results().stream().filter((ref) -> ref.url() != null).toList();
	}

	private HubSpotRequest request(String operation, String suffix) {
		return HubSpotRequest.get(operation, this.transport.paths().journal(this.variant.resource()) + suffix)
			.query("installPortalId", this.installPortalId)
			.build();
	}

	/** The two journals: every installing portal's, or one install's. */
	public enum Variant {

		/** {@code /webhooks-journal/journal/{v}}: events of every installing portal. */
		GLOBAL("journal"),

		/** {@code /webhooks-journal/journal-local/{v}}: one install's events. */
		LOCAL("journal-local");

		private final String resource;

		Variant(String resource) {
			this.resource = resource;
		}

		/**
		 * Returns the path resource.
		 * @return {@code journal} or {@code journal-local}
		 */
		public String resource() {
			return this.resource;
		}

	}

	record Batch(List<JournalEntryRef> results) {

		Batch {
			results = (results != null) ? results : List.of();
		}

	}

}
