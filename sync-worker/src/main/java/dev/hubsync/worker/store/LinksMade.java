package dev.hubsync.worker.store;

import java.util.Map;

/**
 * Pairs one direction just linked (made or matched), announced so that the associations
 * the other direction keeps waiting for them are written: the inbound direction's
 * {@code pending_association} rows wait for a HubSpot id to be linked, the outbound
 * direction's {@code pending_outbound_association} rows for a product key, and either
 * direction may be the one that links the target (a company made in the product is linked
 * by the outbound direction, whose echo the inbound direction drops unread).
 *
 * @param objectTypeId the pairs' object type
 * @param links the pairs, HubSpot id by platform key
 * @param byInbound whether the inbound direction linked them (else the outbound one)
 */
public record LinksMade(String objectTypeId, Map<String, Long> links, boolean byInbound) {

	/**
	 * Keeps a copy of the pairs.
	 * @param objectTypeId the object type
	 * @param links the pairs
	 * @param byInbound the direction
	 */
	public LinksMade {
		links = Map.copyOf(links);
	}

}
