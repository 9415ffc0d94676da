package dev.hubsync.hubspot.objects;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.hubspot.Paging;
import dev.hubsync.hubspot.objects.SearchRequest.Filter;
import dev.hubsync.hubspot.objects.SearchRequest.FilterGroup;
import dev.hubsync.hubspot.objects.SearchRequest.Sort;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.transport.HubSpotRequest;
import dev.hubsync.hubspot.transport.HubSpotTransport;
import org.jspecify.annotations.Nullable;

/**
 * CRM search ({@code POST /crm/v3/objects/{type}/search}), counted against the search
 * limit. {@link #modifiedSince} reads every record changed since a time, however many:
 * HubSpot stops a search at 10,000 results, so it slices by the last-modified time and,
 * where more records than that share one timestamp, by {@code hs_object_id}.
 */
public final class SearchClient {

	private final HubSpotTransport transport;

	private final Lane lane;

	/**
	 * Creates the client; use {@code HubSpotClient#search()}.
	 * @param transport the transport
	 * @param lane the lane of its calls
	 */
	public SearchClient(HubSpotTransport transport, Lane lane) {
		this.transport = transport;
		this.lane = lane;
	}

	/**
	 * Runs one search page.
	 * @param objectType the object type
	 * @param request the search
	 * @return the page
	 */
	public SearchPage search(String objectType, SearchRequest request) {
		return this.transport
			.send(HubSpotRequest.post("objects.search", this.transport.paths().search(objectType), request)
				.search()
				.build(), this.lane, SearchPage.class);
	}

	/**
	 * Returns the property holding an object type's last-modified time:
	 * {@code lastmodifieddate} for contacts, {@code hs_lastmodifieddate} for everything
	 * else. The wrong one silently matches nothing.
	 * @param objectType the object type, name or id
	 * @return the property
	 */
	public static String lastModifiedProperty(String objectType) {
		return ObjectTypes.CONTACTS.equals(ObjectTypes.byPathSegment(objectType).orElse(objectType))
				? "lastmodifieddate" : "hs_lastmodifieddate";
	}

	/**
	 * Streams every record modified at or after a time, oldest first, each once, past the
	 * 10,000-result cap.
	 * @param objectType the object type
	 * @param since the watermark, inclusive
	 * @param properties the properties to return (the last-modified property is added)
	 * @return the records, fetched lazily
	 */
	public Stream<HubSpotObject> modifiedSince(String objectType, Instant since, List<String> properties) {
		String modified = lastModifiedProperty(objectType);
		List<String> wanted = new ArrayList<>(properties);
		if (!wanted.contains(modified)) {
			wanted.add(modified);
		}
		Iterator<HubSpotObject> slices = new ModifiedSinceIterator(objectType, modified, since.toEpochMilli(),
				List.copyOf(wanted));
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(slices, Spliterator.ORDERED), false);
	}

	/**
	 * Walks time slices ({@code modified >= from}, ascending), and, when a slice hits the
	 * cap, id slices of the last timestamp
	 * ({@code modified == t AND hs_object_id > lastId}), then continues from
	 * {@code t + 1}. Records of the crowded timestamp already returned by the time slice
	 * are not returned again.
	 */
	private final class ModifiedSinceIterator implements Iterator<HubSpotObject> {

		private final String objectType;

		private final String modified;

		private final List<String> properties;

		private long from;

		/** The timestamp being read by id, while a time slice was capped. */
		private @Nullable Long crowdedAt;

		private long afterId;

		/** The newest timestamp returned so far, and the ids returned at it. */
		private long newest = Long.MIN_VALUE;

		private final Set<String> idsAtNewest = new HashSet<>();

		private @Nullable String cursor;

		private int readInSlice;

		private @Nullable String lastId;

		private boolean done;

		private Iterator<HubSpotObject> page = List.<HubSpotObject>of().iterator();

		ModifiedSinceIterator(String objectType, String modified, long from, List<String> properties) {
			this.objectType = objectType;
			this.modified = modified;
			this.from = from;
			this.properties = properties;
		}

		@Override
		public boolean hasNext() {
			while (!this.page.hasNext() && !this.done) {
				fetch();
			}
			return this.page.hasNext();
		}

		@Override
		public HubSpotObject next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return this.page.next();
		}

		private void fetch() {
			SearchRequest request = (this.crowdedAt != null) ? crowdedSlice(this.crowdedAt) : timeSlice();
			SearchPage result = search(this.objectType, request.after(this.cursor));
			List<HubSpotObject> fresh = new ArrayList<>();
			for (HubSpotObject object : result.results()) {
				this.lastId = object.id();
				if (this.crowdedAt != null) {
					if (this.idsAtNewest.add(object.id())) {
						fresh.add(object);
					}
					continue;
				}
				long at = modifiedAt(object);
				if (at != this.newest) {
					this.newest = at;
					this.idsAtNewest.clear();
				}
				this.idsAtNewest.add(object.id());
				fresh.add(object);
			}
			this.page = fresh.iterator();
			this.readInSlice += result.results().size();
			String next = Paging.after(result.paging());
			if (next != null && this.readInSlice + SearchRequest.MAX_LIMIT <= SearchRequest.RESULT_CAP) {
				this.cursor = next;
				return;
			}
			this.cursor = null;
			this.readInSlice = 0;
			if (next != null) {
				capped();
			}
			else if (this.crowdedAt != null) {
				this.from = this.crowdedAt + 1;
				this.crowdedAt = null;
			}
			else {
				this.done = true;
			}
		}

		private void capped() {
			if (this.crowdedAt == null) {
				this.crowdedAt = this.newest;
				this.afterId = 0;
			}
			else {
				this.afterId = Long.parseLong(Objects.requireNonNull(this.lastId));
			}
		}

		private SearchRequest timeSlice() {
			return new SearchRequest(
					List.of(FilterGroup.of(Filter.of(this.modified, FilterOperator.GTE, String.valueOf(this.from)))),
					List.of(Sort.ascending(this.modified)), this.properties, null, SearchRequest.MAX_LIMIT, null);
		}

		private SearchRequest crowdedSlice(long at) {
			return new SearchRequest(
					List.of(FilterGroup.of(Filter.of(this.modified, FilterOperator.EQ, String.valueOf(at)),
							Filter.of("hs_object_id", FilterOperator.GT, String.valueOf(this.afterId)))),
					List.of(Sort.ascending("hs_object_id")), this.properties, null, SearchRequest.MAX_LIMIT, null);
		}

		private long modifiedAt(HubSpotObject object) {
			String value = object.property(this.modified);
			if (value == null || value.isEmpty()) {
				return this.from;
			}
			return value.chars().allMatch(Character::isDigit) ? Long.parseLong(value)
					: Instant.parse(value).toEpochMilli();
		}

	}

}
