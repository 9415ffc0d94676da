package dev.hubsync.hubspot.schemas;

import java.util.List;
import java.util.Optional;

import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.transport.HubSpotRequest;
import dev.hubsync.hubspot.transport.HubSpotTransport;
import org.jspecify.annotations.Nullable;

/**
 * The custom object schemas API (read-only): which custom objects the portal has, so a
 * mapping may name one by its fully qualified name ({@code p1234_cars}) or name.
 */
public final class SchemasClient {

	private final HubSpotTransport transport;

	private final Lane lane;

	/**
	 * Creates the client; use {@code HubSpotClient#schemas()}.
	 * @param transport the transport
	 * @param lane the lane of its calls
	 */
	public SchemasClient(HubSpotTransport transport, Lane lane) {
		this.transport = transport;
		this.lane = lane;
	}

	/**
	 * Lists the portal's custom object schemas.
	 * @return the schemas
	 */
	public List<ObjectSchema> list() {
		return this.transport
			.send(HubSpotRequest.get("schemas.list", this.transport.paths().schemas()).build(), this.lane, Page.class)
			.results();
	}

	/**
	 * Finds a custom object by object type id, fully qualified name or name.
	 * @param nameOrId the name
	 * @return its schema, if the portal has one of that name
	 */
	public Optional<ObjectSchema> find(String nameOrId) {
		return list().stream().filter((schema) -> schema.isNamed(nameOrId)).findFirst();
	}

	record Page(@Nullable List<ObjectSchema> results) {

		@Override
		public List<ObjectSchema> results() {
			return (this.results != null) ? this.results : List.of();
		}

	}

}
