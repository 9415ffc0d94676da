package dev.hubsync.emulator.webhooksjournal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Subscription filters (reference §3.5): {@code CRM_OBJECT_PROPERTY} conditions on the
 * record's current values, checked when an object event is journaled. How several
 * conditions (and several filters of one subscription) combine is undocumented; here all
 * must hold. Values compare as numbers when both sides are numbers, else as
 * case-insensitive text.
 */
final class JournalFilters {

	private static final List<String> OPERATORS = List.of("EQ", "N_EQ", "LT", "LTE", "GT", "GTE", "CONTAINS",
			"STARTS_WITH", "ENDS_WITH", "IN", "NOT_IN", "IS_EMPTY", "IS_NOT_EMPTY");

	private final Clock clock;

	private final AtomicLong ids = new AtomicLong(456);

	private final Map<Long, Stored> filters = new LinkedHashMap<>();

	JournalFilters(Clock clock) {
		this.clock = clock;
	}

	synchronized long add(long subscriptionId, Filter filter) {
		for (Condition condition : filter.conditions()) {
			if (!OPERATORS.contains(condition.operator())) {
				throw new IllegalArgumentException(
						"unknown operator '" + condition.operator() + "' (note N_EQ, not NEQ)");
			}
		}
		long id = this.ids.getAndIncrement();
		this.filters.put(id, new Stored(id, subscriptionId, this.clock.millis(), filter));
		return id;
	}

	synchronized Optional<Stored> get(long id) {
		return Optional.ofNullable(this.filters.get(id));
	}

	synchronized List<Stored> of(long subscriptionId) {
		return this.filters.values().stream().filter((f) -> f.subscriptionId() == subscriptionId).toList();
	}

	synchronized boolean delete(long id) {
		return this.filters.remove(id) != null;
	}

	synchronized void clear() {
		this.filters.clear();
	}

	/**
	 * Tells whether a record passes every filter of a subscription.
	 * @param subscriptionId the subscription
	 * @param properties the record's current values
	 * @return whether it does (true without filters)
	 */
	synchronized boolean passes(long subscriptionId, Map<String, String> properties) {
		for (Stored stored : this.filters.values()) {
			if (stored.subscriptionId() == subscriptionId) {
				for (Condition condition : stored.filter().conditions()) {
					if (!holds(condition, properties.get(condition.property()))) {
						return false;
					}
				}
			}
		}
		return true;
	}

	private static boolean holds(Condition condition, @Nullable String actual) {
		String value = (actual != null) ? actual : "";
		String expected = (condition.value() != null) ? condition.value() : "";
		List<String> values = (condition.values() != null) ? condition.values() : List.of();
		return switch (condition.operator()) {
			case "IS_EMPTY" -> value.isEmpty();
			case "IS_NOT_EMPTY" -> !value.isEmpty();
			case "EQ" -> compare(value, expected) == 0;
			case "N_EQ" -> compare(value, expected) != 0;
			case "LT" -> !value.isEmpty() && compare(value, expected) < 0;
			case "LTE" -> !value.isEmpty() && compare(value, expected) <= 0;
			case "GT" -> !value.isEmpty() && compare(value, expected) > 0;
			case "GTE" -> !value.isEmpty() && compare(value, expected) >= 0;
			case "CONTAINS" -> lower(value).contains(lower(expected));
			case "STARTS_WITH" -> lower(value).startsWith(lower(expected));
			case "ENDS_WITH" -> lower(value).endsWith(lower(expected));
			case "IN" -> values.stream().anyMatch((v) -> compare(value, v) == 0);
			case "NOT_IN" -> values.stream().noneMatch((v) -> compare(value, v) == 0);
			default -> false;
		};
	}

	private static int compare(String left, String right) {
		try {
			return new BigDecimal(left.trim()).compareTo(new BigDecimal(right.trim()));
		}
		catch (NumberFormatException ex) {
			return lower(left).compareTo(lower(right));
		}
	}

	private static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

	/**
	 * A stored filter.
	 *
	 * @param id the filter id
	 * @param subscriptionId its subscription
	 * @param createdAt when it was added (epoch ms)
	 * @param filter the conditions
	 */
	record Stored(long id, long subscriptionId, long createdAt, Filter filter) {

		Map<String, Object> json() {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("id", this.id);
			body.put("createdAt", this.createdAt);
			body.put("filter", this.filter);
			return body;
		}

	}

	/**
	 * A filter: its conditions.
	 *
	 * @param conditions the conditions, all of which must hold
	 */
	record Filter(@Nullable List<Condition> conditions) {

		Filter {
			conditions = (conditions != null) ? List.copyOf(conditions) : List.of();
		}

	}

	/**
	 * One condition.
	 *
	 * @param filterType {@code CRM_OBJECT_PROPERTY}
	 * @param property the property
	 * @param operator {@code EQ}, {@code N_EQ}, …
	 * @param value the value compared with
	 * @param values for {@code IN}/{@code NOT_IN}
	 */
	record Condition(@Nullable String filterType, String property, String operator, @Nullable String value,
			@Nullable List<String> values) {
	}

	static List<Map<String, Object>> json(List<Stored> stored) {
		List<Map<String, Object>> result = new ArrayList<>();
		stored.forEach((s) -> result.add(s.json()));
		return result;
	}

}
