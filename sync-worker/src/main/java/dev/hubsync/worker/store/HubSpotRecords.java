package dev.hubsync.worker.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.mapping.AssociationMapping;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.associations.AssociatedObject;
import dev.hubsync.hubspot.associations.AssociationBatches;
import dev.hubsync.hubspot.associations.AssociationsClient;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.objects.BatchResult;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.objects.SearchClient;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.matching.MatchKeys;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.merge.RecordMerge;
import dev.hubsync.worker.observability.WorkerMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;
import static dev.hubsync.worker.OwnProperties.SOURCE_SYSTEM;

/**
 * HubSpot's records as the merge reads them: batch reads of a mapping's properties (and
 * the sync's own {@code hubsync_*} properties, the record's last-modified time and, for
 * contacts, the additional emails), by record id or by a unique property, optionally with
 * the history of the properties whose conflicts need it. HubSpot answers at most 100 ids
 * a call, and at most 50 when history is asked for
 * ({@code hubsync.worker.inbound.history-read-chunk}).
 */
@Component
public class HubSpotRecords {

	private final WorkerProperties.Inbound settings;

	private final WorkerMetrics metrics;

	HubSpotRecords(WorkerProperties properties, WorkerMetrics metrics) {
		this.settings = properties.inbound();
		this.metrics = metrics;
	}

	/**
	 * Reads records by id.
	 * @param client the client, in the caller's lane
	 * @param mapping the mapping
	 * @param ids the record ids
	 * @param withHistory whether to read the history of the mapping's history properties
	 * @return the records found, by id (missing ones are absent)
	 */
	public Map<Long, HubSpotObject> byIds(HubSpotClient client, CompiledMapping mapping, Collection<Long> ids,
			boolean withHistory) {
		Map<Long, HubSpotObject> found = new LinkedHashMap<>();
		for (HubSpotObject object : read(client, mapping, ids.stream().map(String::valueOf).toList(), null,
				withHistory)) {
			found.put(Long.parseLong(object.id()), object);
		}
		return found;
	}

	/**
	 * Reads one record by id the way a single read does: an id merged away resolves to
	 * the surviving record, whose id differs (reference §2.5). A batch read answers for a
	 * merged id with the survivor too, or not at all; this read tells which id it stands
	 * for.
	 * @param client the client, in the caller's lane
	 * @param mapping the mapping
	 * @param id the record id
	 * @return the record or its survivor, empty when it is archived or never existed
	 */
	public Optional<HubSpotObject> resolving(HubSpotClient client, CompiledMapping mapping, long id) {
		Optional<HubSpotObject> found = client.objects()
			.get(ObjectTypes.pathName(mapping.objectTypeId()), String.valueOf(id),
					ReadOptions.properties(properties(mapping)));
		this.metrics.hubspotRead(mapping.objectTypeId(), 1);
		return found;
	}

	/**
	 * Reads records by a unique property's values.
	 * @param client the client, in the caller's lane
	 * @param mapping the mapping
	 * @param idProperty the unique property, e.g. {@code email} or
	 * {@code hubsync_record_id}
	 * @param values its values
	 * @param withHistory whether to read the history of the mapping's history properties
	 * @return the records found, in no particular order
	 */
	public List<HubSpotObject> byUniqueValues(HubSpotClient client, CompiledMapping mapping, String idProperty,
			Collection<String> values, boolean withHistory) {
		return read(client, mapping, List.copyOf(values), idProperty, withHistory);
	}

	/**
	 * Returns the properties a read asks for: the mapping's, the sync's own, the
	 * last-modified time and, for contacts, the additional emails.
	 * @param mapping the mapping
	 * @return the property names
	 */
	public static List<String> properties(CompiledMapping mapping) {
		Set<String> properties = new LinkedHashSet<>(mapping.properties());
		properties.add(RECORD_ID);
		properties.add(SOURCE_SYSTEM);
		properties.add(SearchClient.lastModifiedProperty(mapping.objectTypeId()));
		if (ObjectTypes.CONTACTS.equals(mapping.objectTypeId())) {
			properties.add(MatchKeys.ADDITIONAL_EMAILS);
		}
		return List.copyOf(properties);
	}

	/**
	 * Reads the target of one mapped association for each record (v4 batch read, up to
	 * {@link AssociationsClient#MAX_BATCH_READ} records a call): the record associated
	 * with the mapping's association type, the lowest id when there are several.
	 * @param client the client, in the caller's lane
	 * @param objectTypeId the records' type
	 * @param association the association
	 * @param ids the records
	 * @return each record's target, null for none (also for a record HubSpot did not
	 * answer for)
	 */
	public Map<Long, @Nullable Long> associationTargets(HubSpotClient client, String objectTypeId,
			AssociationMapping association, Collection<Long> ids) {
		Map<Long, @Nullable Long> targets = new LinkedHashMap<>();
		List<Long> all = new ArrayList<>(ids);
		for (int from = 0; from < all.size(); from += AssociationsClient.MAX_BATCH_READ) {
			List<Long> slice = all.subList(from, Math.min(all.size(), from + AssociationsClient.MAX_BATCH_READ));
			slice.forEach((id) -> targets.put(id, null));
			AssociationBatches.ReadResult result = client.associations()
				.batchRead(ObjectTypes.pathName(objectTypeId), ObjectTypes.pathName(association.toObjectTypeId()),
						slice.stream().map(String::valueOf).toList());
			for (AssociationBatches.Item item : result.results()) {
				Long target = null;
				for (AssociatedObject to : item.to()) {
					if (to.hasType(association.associationTypeId())) {
						long id = Long.parseLong(to.toObjectId());
						target = (target == null) ? id : Math.min(target, id);
					}
				}
				targets.put(Long.parseLong(item.from().id()), target);
			}
		}
		return targets;
	}

	private List<HubSpotObject> read(HubSpotClient client, CompiledMapping mapping, List<String> ids,
			@Nullable String idProperty, boolean withHistory) {
		List<HubSpotObject> objects = new ArrayList<>();
		if (ids.isEmpty()) {
			return objects;
		}
		List<String> history = withHistory ? RecordMerge.historyProperties(mapping) : List.of();
		int chunk = history.isEmpty() ? this.settings.readChunk()
				: Math.min(this.settings.readChunk(), this.settings.historyReadChunk());
		String type = ObjectTypes.pathName(mapping.objectTypeId());
		List<String> properties = properties(mapping);
		for (int from = 0; from < ids.size(); from += chunk) {
			List<String> slice = ids.subList(from, Math.min(ids.size(), from + chunk));
			BatchResult result = client.batch()
				.read(type, new BatchInputs.Read(slice.stream().map(BatchInputs.Id::new).toList(), properties, history,
						idProperty), false);
			this.metrics.hubspotRead(mapping.objectTypeId(), slice.size());
			objects.addAll(result.results());
		}
		return objects;
	}

}
