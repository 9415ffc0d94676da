package dev.hubsync.hubspot.pipelines;

import java.util.List;
import java.util.Optional;

import dev.hubsync.hubspot.error.HubSpotNotFoundException;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.transport.HubSpotRequest;
import dev.hubsync.hubspot.transport.HubSpotTransport;

/**
 * The pipelines API, read only ({@code /crm/pipelines/2026-03/{objectType}}, or
 * {@code /crm/v3/pipelines/{objectType}} in the legacy family).
 */
public final class PipelinesClient {

	private final HubSpotTransport transport;

	private final Lane lane;

	/**
	 * Creates the client; use {@code HubSpotClient#pipelines()}.
	 * @param transport the transport
	 * @param lane the lane of its calls
	 */
	public PipelinesClient(HubSpotTransport transport, Lane lane) {
		this.transport = transport;
		this.lane = lane;
	}

	/**
	 * Lists an object type's pipelines with their stages (HubSpot does not page them).
	 * @param objectType the type's name or id, e.g. {@code tickets} or {@code 0-5}
	 * @return the pipelines
	 */
	public List<Pipeline> list(String objectType) {
		return this.transport
			.send(HubSpotRequest.get("pipelines.list", this.transport.paths().pipelines(objectType)).build(), this.lane,
					Page.class)
			.results();
	}

	/**
	 * Reads one pipeline.
	 * @param objectType the type
	 * @param pipelineId the pipeline's id
	 * @return the pipeline, or empty
	 */
	public Optional<Pipeline> get(String objectType, String pipelineId) {
		try {
			return Optional.of(this.transport
				.send(HubSpotRequest.get("pipelines.get", this.transport.paths().pipeline(objectType, pipelineId))
					.build(), this.lane, Pipeline.class));
		}
		catch (HubSpotNotFoundException ex) {
			return Optional.empty();
		}
	}

	record Page(List<Pipeline> results) {

		Page {
			results = (results != null) ? results : List.of();
		}

	}

}
