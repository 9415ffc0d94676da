package dev.hubsync.hubspot.objects;

import java.util.List;

import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.transport.HubSpotRequest;
import dev.hubsync.hubspot.transport.HubSpotResponse;
import dev.hubsync.hubspot.transport.HubSpotTransport;

/**
 * Batch calls on CRM objects, at most {@value BatchInputs#MAX} inputs each. Partial
 * failures (207) come back as a {@link BatchResult} with errors; a batch HubSpot rejects
 * whole raises.
 */
public final class BatchClient {

	private final HubSpotTransport transport;

	private final Lane lane;

	/**
	 * Creates the client; use {@code HubSpotClient#batch()}.
	 * @param transport the transport
	 * @param lane the lane of its calls
	 */
	public BatchClient(HubSpotTransport transport, Lane lane) {
		this.transport = transport;
		this.lane = lane;
	}

	/**
	 * Reads records by id (or by a unique property).
	 * @param objectType the object type
	 * @param read the ids and properties
	 * @param archived whether to read archived records
	 * @return the records found; unknown ids are {@code OBJECT_NOT_FOUND} errors
	 */
	public BatchResult read(String objectType, BatchInputs.Read read, boolean archived) {
		BatchInputs.checkSize(read.inputs());
		return call(
				HubSpotRequest.post("objects.batch.read", this.transport.paths().objectsBatch(objectType, "read"), read)
					.query("archived", archived ? "true" : null)
					.build());
	}

	/**
	 * Creates records.
	 * @param objectType the object type
	 * @param inputs the records; give each an {@code objectWriteTraceId} for partial
	 * success
	 * @return the created records
	 */
	public BatchResult create(String objectType, List<BatchInputs.Create> inputs) {
		BatchInputs.checkSize(inputs);
		return call(HubSpotRequest
			.post("objects.batch.create", this.transport.paths().objectsBatch(objectType, "create"),
					new BatchInputs.Wrapper<>(inputs))
			.build());
	}

	/**
	 * Updates records.
	 * @param objectType the object type
	 * @param inputs the updates
	 * @return the updated records
	 */
	public BatchResult update(String objectType, List<BatchInputs.Update> inputs) {
		BatchInputs.checkSize(inputs);
		return call(HubSpotRequest
			.post("objects.batch.update", this.transport.paths().objectsBatch(objectType, "update"),
					new BatchInputs.Wrapper<>(inputs))
			.build());
	}

	/**
	 * Creates or updates records by a unique property.
	 * @param objectType the object type
	 * @param inputs the records
	 * @return the records, each with {@code new} telling whether it was created
	 */
	public BatchResult upsert(String objectType, List<BatchInputs.Upsert> inputs) {
		BatchInputs.checkSize(inputs);
		return call(HubSpotRequest
			.post("objects.batch.upsert", this.transport.paths().objectsBatch(objectType, "upsert"),
					new BatchInputs.Wrapper<>(inputs))
			.build());
	}

	/**
	 * Archives records.
	 * @param objectType the object type
	 * @param ids the records' ids
	 */
	public void archive(String objectType, List<String> ids) {
		BatchInputs.checkSize(ids);
		this.transport.send(
				HubSpotRequest
					.post("objects.batch.archive", this.transport.paths().objectsBatch(objectType, "archive"),
							new BatchInputs.Wrapper<>(ids.stream().map(BatchInputs.Id::new).toList()))
					.build(),
				this.lane);
	}

	private BatchResult call(HubSpotRequest request) {
		HubSpotResponse response = this.transport.send(request, this.lane);
		return (response.body().length == 0) ? BatchResult.empty() : this.transport.read(response, BatchResult.class);
	}

}
