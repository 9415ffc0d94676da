package dev.hubsync.hubspot.associations;

import java.util.ArrayList;
import java.util.List;

import dev.hubsync.hubspot.Paging;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.transport.HubSpotRequest;
import dev.hubsync.hubspot.transport.HubSpotResponse;
import dev.hubsync.hubspot.transport.HubSpotTransport;

/**
 * Associations: {@code /crm/objects/2026-09/{type}/{id}/associations/...} and
 * {@code /crm/associations/2026-09/...} in a dated version, {@code /crm/v4/...} in the
 * legacy family. Object types may be names or ids. Batch writes answer 200, 201 or 207
 * with a body (dated batch archive included) or 204 without one (v4 batch archive); each
 * comes back as a {@link AssociationBatches.WriteResult}.
 */
public final class AssociationsClient {

	/** Most ids one batch read takes. */
	public static final int MAX_BATCH_READ = 1000;

	/**
	 * Most inputs one batch create or archive takes here (HubSpot's caps are
	 * unconfirmed).
	 */
	public static final int MAX_BATCH_WRITE = 100;

	private final HubSpotTransport transport;

	private final Lane lane;

	/**
	 * Creates the client; use {@code HubSpotClient#associations()}.
	 * @param transport the transport
	 * @param lane the lane of its calls
	 */
	public AssociationsClient(HubSpotTransport transport, Lane lane) {
		this.transport = transport;
		this.lane = lane;
	}

	/**
	 * Lists every record of a type associated with a record.
	 * @param fromType the record's type
	 * @param fromId the record's id
	 * @param toType the associated records' type
	 * @return the associated records with their types
	 */
	public List<AssociatedObject> list(String fromType, String fromId, String toType) {
		List<AssociatedObject> all = new ArrayList<>();
		String after = null;
		do {
			AssociationBatches.Page page = this.transport.send(HubSpotRequest
				.get("associations.list", this.transport.paths().associations(fromType, fromId, toType))
				.query("limit", 500)
				.query("after", after)
				.build(), this.lane, AssociationBatches.Page.class);
			all.addAll(page.results());
			after = Paging.after(page.paging());
		}
		while (after != null);
		return all;
	}

	/**
	 * Associates two records with the given types.
	 * @param fromType the source type
	 * @param fromId the source record
	 * @param toType the target type
	 * @param toId the target record
	 * @param types the types
	 */
	public void associate(String fromType, String fromId, String toType, String toId, List<AssociationSpec> types) {
		this.transport.send(HubSpotRequest
			.put("associations.create", this.transport.paths().association(fromType, fromId, toType, toId), types)
			.build(), this.lane);
	}

	/**
	 * Associates two records with the default (unlabeled) type.
	 * @param fromType the source type
	 * @param fromId the source record
	 * @param toType the target type
	 * @param toId the target record
	 */
	public void associateDefault(String fromType, String fromId, String toType, String toId) {
		this.transport.send(HubSpotRequest
			.put("associations.createDefault",
					this.transport.paths().defaultAssociation(fromType, fromId, toType, toId), null)
			.build(), this.lane);
	}

	/**
	 * Removes every association between two records.
	 * @param fromType the source type
	 * @param fromId the source record
	 * @param toType the target type
	 * @param toId the target record
	 */
	public void remove(String fromType, String fromId, String toType, String toId) {
		this.transport.send(HubSpotRequest
			.delete("associations.remove", this.transport.paths().association(fromType, fromId, toType, toId))
			.build(), this.lane);
	}

	/**
	 * Reads the associations of many records.
	 * @param fromType the records' type
	 * @param toType the associated records' type
	 * @param ids the records, at most {@value #MAX_BATCH_READ}
	 * @return the associations of each record that has some
	 */
	public AssociationBatches.ReadResult batchRead(String fromType, String toType, List<String> ids) {
		check(ids.size(), MAX_BATCH_READ);
		return this.transport.send(HubSpotRequest
			.post("associations.batch.read", this.transport.paths().associationsBatch(fromType, toType, "read"),
					new AssociationBatches.Wrapper<>(ids.stream().map(AssociationBatches.Ref::new).toList()))
			.build(), this.lane, AssociationBatches.ReadResult.class);
	}

	/**
	 * Creates associations.
	 * @param fromType the source type
	 * @param toType the target type
	 * @param inputs the associations, at most {@value #MAX_BATCH_WRITE}
	 * @return HubSpot's answer: the inputs it refused, if any
	 */
	public AssociationBatches.WriteResult batchCreate(String fromType, String toType,
			List<AssociationBatches.Input> inputs) {
		check(inputs.size(), MAX_BATCH_WRITE);
		return write(HubSpotRequest
			.post("associations.batch.create", this.transport.paths().associationsBatch(fromType, toType, "create"),
					new AssociationBatches.Wrapper<>(inputs))
			.build());
	}

	/**
	 * Removes associations (every type between each pair).
	 * @param fromType the source type
	 * @param toType the target type
	 * @param removals the pairs, at most {@value #MAX_BATCH_WRITE}
	 * @return HubSpot's answer (empty for v4's 204): the inputs it refused, if any
	 */
	public AssociationBatches.WriteResult batchArchive(String fromType, String toType,
			List<AssociationBatches.Removal> removals) {
		check(removals.size(), MAX_BATCH_WRITE);
		return write(HubSpotRequest
			.post("associations.batch.archive", this.transport.paths().associationsBatch(fromType, toType, "archive"),
					new AssociationBatches.Wrapper<>(removals))
			.build());
	}

	/**
	 * Sends a batch write: 204 (v4 archive) has no body, 200, 201 and 207 have a
	 * {@code BatchResponse} one.
	 */
	private AssociationBatches.WriteResult write(HubSpotRequest request) {
		HubSpotResponse response = this.transport.send(request, this.lane);
		return (response.body().length == 0) ? AssociationBatches.WriteResult.empty()
				: this.transport.read(response, AssociationBatches.WriteResult.class);
	}

	private static void check(int size, int max) {
		if (size == 0 || size > max) {
			throw new IllegalArgumentException("an association batch takes 1 to " + max + " inputs, got " + size);
		}
	}

}
