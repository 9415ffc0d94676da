package dev.hubsync.hubspot.objects;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.hubsync.hubspot.Paging;
import dev.hubsync.hubspot.error.HubSpotNotFoundException;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.transport.ApiPaths;
import dev.hubsync.hubspot.transport.HubSpotRequest;
import dev.hubsync.hubspot.transport.HubSpotTransport;
import org.jspecify.annotations.Nullable;

/**
 * Single-record calls on CRM objects ({@code /crm/objects/2026-09/{type}}, or
 * {@code /crm/v3/objects/{type}} in the legacy family). Object types may be given as
 * names ({@code contacts}) or ids ({@code 0-1}).
 */
public final class ObjectsClient {

	private final HubSpotTransport transport;

	private final Lane lane;

	/**
	 * Creates the client; use {@code HubSpotClient#objects()}.
	 * @param transport the transport
	 * @param lane the lane of its calls
	 */
	public ObjectsClient(HubSpotTransport transport, Lane lane) {
		this.transport = transport;
		this.lane = lane;
	}

	/**
	 * Creates a record.
	 * @param objectType the object type
	 * @param properties its properties
	 * @param associations associations to make with it
	 * @return the created record, with HubSpot's system properties
	 */
	public HubSpotObject create(String objectType, Map<String, String> properties,
			List<ObjectAssociation> associations) {
		return this.transport.send(HubSpotRequest
			.post("objects.create", paths().objects(objectType), new BatchInputs.Create(properties, associations, null))
			.build(), this.lane, HubSpotObject.class);
	}

	/**
	 * Reads a record.
	 * @param objectType the object type
	 * @param id the record's id
	 * @param options what to read
	 * @return the record, or empty when it does not exist (or is archived and not asked
	 * for)
	 */
	public Optional<HubSpotObject> get(String objectType, String id, ReadOptions options) {
		try {
			return Optional.of(this.transport.send(HubSpotRequest.get("objects.get", paths().object(objectType, id))
				.query("properties", options.properties())
				.query("propertiesWithHistory", options.propertiesWithHistory())
				.query("archived", options.archived() ? "true" : null)
				.build(), this.lane, HubSpotObject.class));
		}
		catch (HubSpotNotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Updates some properties of a record; {@code ""} clears a value.
	 * @param objectType the object type
	 * @param id the record's id
	 * @param properties the properties to write
	 * @return the record after the update
	 */
	public HubSpotObject update(String objectType, String id, Map<String, String> properties) {
		return this.transport
			.send(HubSpotRequest.patch("objects.update", paths().object(objectType, id), new PropertiesBody(properties))
				.build(), this.lane, HubSpotObject.class);
	}

	/**
	 * Archives a record (HubSpot's delete).
	 * @param objectType the object type
	 * @param id the record's id
	 */
	public void archive(String objectType, String id) {
		this.transport.send(HubSpotRequest.delete("objects.archive", paths().object(objectType, id)).build(),
				this.lane);
	}

	/**
	 * Reads one page of records.
	 * @param objectType the object type
	 * @param options what to read
	 * @param limit page size, at most 100
	 * @param after the cursor of the previous page, or {@code null}
	 * @return the page
	 */
	public ObjectPage list(String objectType, ReadOptions options, int limit, @Nullable String after) {
		return this.transport.send(HubSpotRequest.get("objects.list", paths().objects(objectType))
			.query("limit", limit)
			.query("after", after)
			.query("properties", options.properties())
			.query("propertiesWithHistory", options.propertiesWithHistory())
			.query("archived", options.archived() ? "true" : null)
			.build(), this.lane, ObjectPage.class);
	}

	/**
	 * Streams every record, fetching pages of 100 as the stream is consumed.
	 * @param objectType the object type
	 * @param options what to read
	 * @return the records
	 */
	public Stream<HubSpotObject> listAll(String objectType, ReadOptions options) {
		return pages((after) -> list(objectType, options, 100, after));
	}

	/**
	 * Merges two records; the primary's values win. For contacts and companies the result
	 * may have a new id.
	 * @param objectType the object type
	 * @param primaryObjectId the record whose values win
	 * @param objectIdToMerge the record merged into it
	 * @return the merged record
	 */
	public HubSpotObject merge(String objectType, String primaryObjectId, String objectIdToMerge) {
		return this.transport.send(HubSpotRequest
			.post("objects.merge", paths().merge(objectType), new MergeBody(primaryObjectId, objectIdToMerge))
			.build(), this.lane, HubSpotObject.class);
	}

	/**
	 * Permanently deletes a contact (GDPR).
	 * @param contactId the contact's id
	 */
	public void gdprDelete(String contactId) {
		this.transport.send(
				HubSpotRequest.post("objects.gdprDelete", paths().gdprDelete(), new GdprBody(contactId)).build(),
				this.lane);
	}

	private ApiPaths paths() {
		return this.transport.paths();
	}

	/**
	 * Streams the records of successive pages.
	 * @param fetch fetches the page after a cursor ({@code null} for the first)
	 * @return the records, fetched lazily
	 */
	static Stream<HubSpotObject> pages(java.util.function.Function<@Nullable String, ObjectPage> fetch) {
		Iterator<HubSpotObject> iterator = new Iterator<>() {

			private Iterator<HubSpotObject> current = List.<HubSpotObject>of().iterator();

			private @Nullable String after;

			private boolean last;

			@Override
			public boolean hasNext() {
				while (!this.current.hasNext() && !this.last) {
					ObjectPage page = fetch.apply(this.after);
					this.current = page.results().iterator();
					this.after = Paging.after(page.paging());
					this.last = this.after == null;
				}
				return this.current.hasNext();
			}

			@Override
			public HubSpotObject next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return this.current.next();
			}

		};
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
	}

	record PropertiesBody(Map<String, String> properties) {
	}

	record MergeBody(String primaryObjectId, String objectIdToMerge) {
	}

	record GdprBody(String objectId) {
	}

}
