package dev.hubsync.hubspot.owners;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hubsync.hubspot.Paging;
import dev.hubsync.hubspot.error.HubSpotNotFoundException;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.transport.HubSpotRequest;
import dev.hubsync.hubspot.transport.HubSpotTransport;
import org.jspecify.annotations.Nullable;

/**
 * The owners API ({@code /crm/owners/2026-09}, or {@code /crm/v3/owners} in the legacy
 * family).
 */
public final class OwnersClient {

	private final HubSpotTransport transport;

	private final Lane lane;

	/**
	 * Creates the client; use {@code HubSpotClient#owners()}.
	 * @param transport the transport
	 * @param lane the lane of its calls
	 */
	public OwnersClient(HubSpotTransport transport, Lane lane) {
		this.transport = transport;
		this.lane = lane;
	}

	/**
	 * Lists every owner.
	 * @param archived whether to list deactivated owners instead
	 * @return the owners
	 */
	public List<Owner> list(boolean archived) {
		List<Owner> all = new ArrayList<>();
		String after = null;
		do {
			Page page = this.transport.send(HubSpotRequest.get("owners.list", this.transport.paths().owners())
				.query("limit", 100)
				.query("after", after)
				.query("archived", archived ? "true" : null)
				.build(), this.lane, Page.class);
			all.addAll(page.results());
			after = Paging.after(page.paging());
		}
		while (after != null);
		return all;
	}

	/**
	 * Reads one owner.
	 * @param id the owner id
	 * @return the owner, or empty
	 */
	public Optional<Owner> get(String id) {
		try {
			return Optional
				.of(this.transport.send(HubSpotRequest.get("owners.get", this.transport.paths().owner(id)).build(),
						this.lane, Owner.class));
		}
		catch (HubSpotNotFoundException ex) {
			return Optional.empty();
		}
	}

	record Page(List<Owner> results, @Nullable Paging paging) {

		Page {
			results = (results != null) ? results : List.of();
		}

	}

}
