package dev.hubsync.hubspot.objects;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A CRM search: filter groups (OR of ANDs), at most one sort, the properties to return, a
 * page size of at most 200 and an offset cursor.
 *
 * @param filterGroups the groups, OR-ed
 * @param sorts at most one sort
 * @param properties the properties to return
 * @param query optional free text
 * @param limit page size, at most 200
 * @param after the offset cursor of the previous page
 */
public record SearchRequest(List<FilterGroup> filterGroups, List<Sort> sorts, List<String> properties,
		@Nullable String query, int limit, @Nullable String after) {

	/** The most results one search may page through. */
	public static final int RESULT_CAP = 10_000;

	/** The largest page. */
	public static final int MAX_LIMIT = 200;

	/**
	 * Returns the same search from a cursor.
	 * @param cursor the {@code after} value
	 * @return the request
	 */
	public SearchRequest after(@Nullable String cursor) {
		return new SearchRequest(this.filterGroups, this.sorts, this.properties, this.query, this.limit, cursor);
	}

	/**
	 * Filters AND-ed together.
	 *
	 * @param filters the filters
	 */
	public record FilterGroup(List<Filter> filters) {

		/**
		 * A group of filters.
		 * @param filters the filters
		 * @return the group
		 */
		public static FilterGroup of(Filter... filters) {
			return new FilterGroup(List.of(filters));
		}

	}

	/**
	 * One filter.
	 *
	 * @param propertyName the property
	 * @param operator the operator
	 * @param value the value (dates as epoch milliseconds)
	 * @param highValue the upper bound of {@code BETWEEN}
	 * @param values the values of {@code IN} / {@code NOT_IN}
	 */
	public record Filter(String propertyName, FilterOperator operator, @Nullable String value,
			@Nullable String highValue, @Nullable List<String> values) {

		/**
		 * A filter with one value.
		 * @param propertyName the property
		 * @param operator the operator
		 * @param value the value
		 * @return the filter
		 */
		public static Filter of(String propertyName, FilterOperator operator, String value) {
			return new Filter(propertyName, operator, value, null, null);
		}

	}

	/**
	 * A sort.
	 *
	 * @param propertyName the property
	 * @param direction {@code ASCENDING} or {@code DESCENDING}
	 */
	public record Sort(String propertyName, String direction) {

		/**
		 * Sorts ascending.
		 * @param propertyName the property
		 * @return the sort
		 */
		public static Sort ascending(String propertyName) {
			return new Sort(propertyName, "ASCENDING");
		}

	}

}
