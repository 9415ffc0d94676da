package dev.hubsync.worker.outbound;

import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.store.LinksMade;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the associations the outbound direction keeps waiting for records the inbound
 * direction just linked (a deal written before its company, which then came from
 * HubSpot): {@link OutboundAssociations#completePending} as for the outbound direction's
 * own links.
 */
@Component
class LinkedByInbound {

	private final OutboundAssociations associations;

	private final HubSpotClient hubspot;

	private final MappingRegistry registry;

	LinkedByInbound(OutboundAssociations associations, HubSpotClient hubspot, MappingRegistry registry) {
		this.associations = associations;
		this.hubspot = hubspot;
		this.registry = registry;
	}

	@EventListener
	void linked(LinksMade made) {
		if (made.byInbound()) {
			this.associations.completePending(this.hubspot, this.registry, made.objectTypeId(), made.links().keySet());
		}
	}

}
