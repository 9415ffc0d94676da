package dev.hubsync.hubspot.associations;

import java.util.ArrayList;
import java.util.List;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.hubspot.Paging;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.transport.HubSpotRequest;
import dev.hubsync.hubspot.transport.HubSpotTransport;

/**
 * Associations v4 ({@code /crm/v4/...}). Object types may be names or ids.
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
			AssociationBatches.Page page = this.transport.send(
					HubSpotRequest.get("associations.list", record(fromType, fromId) + "/associations/" + type(toType))
						.query("limit", 500)
						.query("after", after)
						.build(),
					this.lane, AssociationBatches.Page.class);
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
		this.transport.send(
				HubSpotRequest
					.put("associations.create",
							record(fromType, fromId) + "/associations/" + type(toType) + "/"
									+ HubSpotRequest.segment(toId),
							types)
					.build(),
				this.lane);
	}

	/**
	 * Associates two records with the default (unlabeled) type.
	 * @param fromType the source type
	 * @param fromId the source record
	 * @param toType the target type
	 * @param toId the target record
	 */
	public void associateDefault(String fromType, String fromId, String toType, String toId) {
		this.transport.send(
				HubSpotRequest
					.put("associations.createDefault",
							record(fromType, fromId) + "/associations/default/" + type(toType) + "/"
									+ HubSpotRequest.segment(toId),
							null)
					.build(),
				this.lane);
	}

	/**
	 * Removes every association between two records.
	 * @param fromType the source type
	 * @param fromId the source record
	 * @param toType the target type
	 * @param toId the target record
	 */
	public void remove(String fromType, String fromId, String toType, String toId) {
		this.transport.send(
				HubSpotRequest
					.delete("associations.remove",
							record(fromType, fromId) + "/associations/" + type(toType) + "/"
									+ HubSpotRequest.segment(toId))
					.build(),
				this.lane);
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
			.post("associations.batch.read", batch(fromType, toType) + "/batch/read",
					new AssociationBatches.Wrapper<>(ids.stream().map(AssociationBatches.Ref::new).toList()))
			.build(), this.lane, AssociationBatches.ReadResult.class);
	}

	/**
	 * Creates associations.
	 * @param fromType the source type
	 * @param toType the target type
	 * @param inputs the associations, at most {@value #MAX_BATCH_WRITE}
	 */
	public void batchCreate(String fromType, String toType, List<AssociationBatches.Input> inputs) {
		check(inputs.size(), MAX_BATCH_WRITE);
		this.transport.send(
				HubSpotRequest
					.post("associations.batch.create", batch(fromType, toType) + "/batch/create",
							new AssociationBatches.Wrapper<>(inputs))
					.build(),
				this.lane);
	}

	/**
	 * Removes associations (every type between each pair).
	 * @param fromType the source type
	 * @param toType the target type
	 * @param removals the pairs, at most {@value #MAX_BATCH_WRITE}
	 */
	public void batchArchive(String fromType, String toType, List<AssociationBatches.Removal> removals) {
		check(removals.size(), MAX_BATCH_WRITE);
		this.transport.send(
				HubSpotRequest
					.post("associations.batch.archive", batch(fromType, toType) + "/batch/archive",
							new AssociationBatches.Wrapper<>(removals))
					.build(),
				this.lane);
	}

	private static void check(int size, int max) {
		if (size == 0 || size > max) {
			throw new IllegalArgumentException("an association batch takes 1 to " + max + " inputs, got " + size);
		}
	}

	private static String record(String objectType, String id) {
		return "/crm/v4/objects/" + type(objectType) + "/" + HubSpotRequest.segment(id);
	}

	private static String batch(String fromType, String toType) {
		return "/crm/v4/associations/" + type(fromType) + "/" + type(toType);
	}

	private static String type(String objectType) {
		return HubSpotRequest
			.segment(ObjectTypes.byPathSegment(objectType).map(ObjectTypes::pathName).orElse(objectType));
	}

}
