package dev.hubsync.emulator.search;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A search request as sent.
 *
 * @param filterGroups OR-ed groups of AND-ed filters
 * @param sorts at most one sort: an object or a {@code -property} string
 * @param properties properties to return
 * @param query free text
 * @param limit page size
 * @param after offset cursor
 */
record SearchBody(@Nullable List<Group> filterGroups, @Nullable List<Object> sorts, @Nullable List<String> properties,
		@Nullable String query, @Nullable Integer limit, @Nullable String after) {

	record Group(@Nullable List<Filter> filters) {
	}

	record Filter(@Nullable String propertyName, @Nullable String operator, @Nullable String value,
			@Nullable String highValue, @Nullable List<String> values) {
	}

}
