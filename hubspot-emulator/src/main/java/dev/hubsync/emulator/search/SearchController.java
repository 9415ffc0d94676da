package dev.hubsync.emulator.search;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.hubsync.emulator.associations.AssociationStore;
import dev.hubsync.emulator.EmulatorProperties;
import dev.hubsync.emulator.crm.CrmStore;
import dev.hubsync.emulator.crm.ObjectViews;

import dev.hubsync.emulator.crm.StoredObject;
import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.schema.PropertyDef;
import dev.hubsync.emulator.schema.PropertySchema;
import dev.hubsync.emulator.web.ApiVersions;
import dev.hubsync.events.hubspot.ObjectTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /crm/v3/objects/{type}/search} and its dated twin
 * {@code /crm/objects/2026-09/{type}/search}.
 */
@RestController
class SearchController {

	static final int RESULT_CAP = 10_000;

	private static final List<String> TEXT_PROPERTIES = List.of("email", "firstname", "lastname", "name", "domain",
			"dealname", "phone");

	private final CrmStore store;

	private final PropertySchema schema;

	private final ObjectViews views;

	private final AssociationStore associations;

	private final EmulatorProperties.Search settings;

	private final JsonMapper json;

	private final Clock clock;

	SearchController(CrmStore store, PropertySchema schema, ObjectViews views, AssociationStore associations,
			EmulatorProperties properties, JsonMapper json, Clock clock) {
		this.store = store;
		this.schema = schema;
		this.views = views;
		this.associations = associations;
		this.settings = properties.search();
		this.json = json;
		this.clock = clock;
	}

	@PostMapping({ "/crm/v3/objects/{type}/search", ApiVersions.OBJECTS + "/{type}/search" })
	Map<String, Object> search(@PathVariable String type, @RequestBody String raw) {
		String objectTypeId = this.store.objectType(type);
		if (raw.length() > this.settings.maxBodyChars()) {
			throw ApiException.validation("Search request body is " + raw.length() + " characters; at most "
					+ this.settings.maxBodyChars() + " are allowed");
		}
		SearchBody body;
		try {
			body = this.json.readValue(raw, SearchBody.class);
		}
		catch (JacksonException ex) {
			throw ApiException.validation("Invalid input JSON: " + ex.getOriginalMessage());
		}
		int limit = (body.limit() != null) ? body.limit() : 10;
		if (limit < 1 || limit > 200) {
			throw ApiException.validation("limit must be between 1 and 200, was " + limit);
		}
		int after = offset(body.after());
		if (after >= RESULT_CAP) {
			throw ApiException.validation("Paging past the first " + RESULT_CAP + " search results is not supported; "
					+ "narrow the search instead");
		}
		List<SearchBody.Group> groups = checkGroups(body.filterGroups());
		Comparator<StoredObject> order = order(objectTypeId, body.sorts());
		Instant visibleBefore = this.clock.instant().minus(this.settings.indexDelay());
		List<StoredObject> matches = new ArrayList<>();
		for (StoredObject object : this.store.all(objectTypeId)) {
			StoredObject indexed = indexed(object, visibleBefore);
			if (indexed != null && matchesGroups(objectTypeId, indexed, groups)
					&& matchesQuery(indexed, body.query())) {
				matches.add(indexed);
			}
		}
		matches.sort(order);
		int end = Math.min(Math.min(after + limit, matches.size()), RESULT_CAP);
		List<String> properties = (body.properties() != null) ? body.properties() : List.of();
		List<Map<String, Object>> results = new ArrayList<>();
		for (StoredObject object : (after < end) ? matches.subList(after, end) : List.<StoredObject>of()) {
			Map<String, Object> rendered = this.views.render(object, properties, List.of(), null);
			results.add(rendered);
		}
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("total", matches.size());
		page.put("results", results);
		if (after + limit < matches.size()) {
			page.put("paging", Map.of("next", Map.of("after", String.valueOf(after + limit))));
		}
		return page;
	}

	/**
	 * The version search sees: writes reach the index after the delay; archived records
	 * never.
	 */
	private static @Nullable StoredObject indexed(StoredObject object, Instant visibleBefore) {
		if (object.archived() || object.mergedInto() != null) {
			return null;
		}
		if (!object.updatedAt().isAfter(visibleBefore)) {
			return object;
		}
		StoredObject previous = object.previous();
		return (previous != null && !previous.archived()) ? previous : null;
	}

	private boolean matchesGroups(String objectTypeId, StoredObject object, List<SearchBody.Group> groups) {
		if (groups.isEmpty()) {
			return true;
		}
		for (SearchBody.Group group : groups) {
			boolean all = true;
			for (SearchBody.Filter filter : group.filters()) {
				if (!matches(objectTypeId, object, filter)) {
					all = false;
					break;
				}
			}
			if (all) {
				return true;
			}
		}
		return false;
	}

	private boolean matches(String objectTypeId, StoredObject object, SearchBody.Filter filter) {
		String property = filter.propertyName();
		if (property.startsWith("associations.")) {
			String toType = ObjectTypes.byWebhookPrefix(property.substring("associations.".length()))
				.or(() -> ObjectTypes.byPathSegment(property.substring("associations.".length())))
				.orElse("");
			boolean associated = filter.value() != null
					&& this.associations.related(objectTypeId, object.id(), toType).contains(filter.value());
			return "NEQ".equals(filter.operator()) != associated;
		}
		Optional<PropertyDef> def = this.schema.get(objectTypeId, property);
		return FilterMatcher.matches(filter, def, object.properties().get(property));
	}

	private static boolean matchesQuery(StoredObject object, @Nullable String query) {
		if (query == null || query.isBlank()) {
			return true;
		}
		String needle = query.toLowerCase(Locale.ROOT);
		return TEXT_PROPERTIES.stream()
			.map((name) -> object.properties().get(name))
			.anyMatch((value) -> value != null && value.toLowerCase(Locale.ROOT).contains(needle));
	}

	private Comparator<StoredObject> order(String objectTypeId, @Nullable List<Object> sorts) {
		Comparator<StoredObject> byId = Comparator.comparingLong(StoredObject::id);
		if (sorts == null || sorts.isEmpty()) {
			return Comparator.comparing(StoredObject::createdAt).thenComparing(byId);
		}
		if (sorts.size() > 1) {
			throw ApiException.validation("Only one sort is supported, got " + sorts.size());
		}
		String property;
		boolean descending;
		if (sorts.get(0) instanceof Map<?, ?> sort) {
			property = String.valueOf(sort.get("propertyName"));
			descending = "DESCENDING".equalsIgnoreCase(String.valueOf(sort.get("direction")));
		}
		else {
			String text = String.valueOf(sorts.get(0));
			descending = text.startsWith("-");
			property = descending ? text.substring(1) : text;
		}
		PropertyDef def = this.schema.get(objectTypeId, property)
			.orElseThrow(() -> ApiException.validation("Cannot sort by unknown property " + property));
		boolean enumeration = "enumeration".equals(def.type());
		Comparator<StoredObject> byValue = (a, b) -> {
			String left = a.properties().get(property);
			String right = b.properties().get(property);
			if (left == null || right == null) {
				return (left == null) ? ((right == null) ? 0 : 1) : -1;
			}
			return FilterMatcher.compare(def.type(), enumeration, left, right);
		};
		return (descending ? byValue.reversed() : byValue).thenComparing(byId);
	}

	private static List<SearchBody.Group> checkGroups(@Nullable List<SearchBody.Group> groups) {
		if (groups == null) {
			return List.of();
		}
		if (groups.size() > 5) {
			throw ApiException.validation("At most 5 filterGroups are allowed, got " + groups.size());
		}
		int total = 0;
		for (SearchBody.Group group : groups) {
			List<SearchBody.Filter> filters = (group.filters() != null) ? group.filters() : List.of();
			if (filters.size() > 6) {
				throw ApiException.validation("At most 6 filters per group are allowed, got " + filters.size());
			}
			filters.forEach(FilterMatcher::check);
			total += filters.size();
		}
		if (total > 18) {
			throw ApiException.validation("At most 18 filters in all are allowed, got " + total);
		}
		return groups.stream()
			.map((group) -> new SearchBody.Group((group.filters() != null) ? group.filters() : List.of()))
			.toList();
	}

	private static int offset(@Nullable String after) {
		if (after == null || after.isEmpty()) {
			return 0;
		}
		try {
			int offset = Integer.parseInt(after.trim());
			if (offset < 0) {
				throw ApiException.validation("Invalid paging cursor: " + after);
			}
			return offset;
		}
		catch (NumberFormatException ex) {
			throw ApiException.validation("Invalid paging cursor: " + after);
		}
	}

}
