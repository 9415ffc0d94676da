package dev.hubsync.emulator.search;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.schema.PropertyDef;
import dev.hubsync.emulator.schema.ValueValidator;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates one filter against a record's value, with HubSpot's rules: string comparisons
 * ignore case except for enumerations, and {@code IN}/{@code NOT_IN} values of string
 * properties must be sent lower case; numbers compare numerically; dates and datetimes as
 * epoch milliseconds; {@code CONTAINS_TOKEN} takes {@code *} wildcards.
 */
final class FilterMatcher {

	private static final Set<String> OPERATORS = Set.of("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN",
			"NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN");

	private FilterMatcher() {
	}

	static void check(SearchBody.Filter filter) {
		if (filter.propertyName() == null || filter.operator() == null) {
			throw ApiException.validation("Each filter needs 'propertyName' and 'operator'");
		}
		if (!OPERATORS.contains(filter.operator())) {
			throw ApiException.validation("Unknown operator '" + filter.operator() + "'");
		}
		boolean needsValue = !filter.operator().endsWith("HAS_PROPERTY") && !filter.operator().endsWith("IN");
		if (needsValue && filter.value() == null) {
			throw ApiException.validation("Operator " + filter.operator() + " needs a 'value'");
		}
		if ("BETWEEN".equals(filter.operator()) && filter.highValue() == null) {
			throw ApiException.validation("Operator BETWEEN needs a 'highValue'");
		}
		if (filter.operator().endsWith("IN") && !filter.operator().endsWith("TOKEN") && filter.values() == null) {
			throw ApiException.validation("Operator " + filter.operator() + " needs 'values'");
		}
	}

	/**
	 * Tells whether a value passes a filter.
	 * @param filter the filter
	 * @param def the property, or empty when unknown to the type (then only
	 * {@code NOT_HAS_PROPERTY} passes, which is how the wrong last-modified property
	 * silently matches nothing)
	 * @param value the record's value, {@code null} when unset
	 * @return whether it passes
	 */
	static boolean matches(SearchBody.Filter filter, Optional<PropertyDef> def, @Nullable String value) {
		String operator = filter.operator();
		boolean has = value != null && !value.isEmpty();
		if ("HAS_PROPERTY".equals(operator)) {
			return has;
		}
		if ("NOT_HAS_PROPERTY".equals(operator)) {
			return !has;
		}
		if (def.isEmpty() || !has) {
			return operator.startsWith("NOT_") || "NEQ".equals(operator);
		}
		String type = def.get().type();
		boolean enumeration = "enumeration".equals(type);
		return switch (operator) {
			case "EQ" -> compare(type, enumeration, value, filter.value()) == 0;
			case "NEQ" -> compare(type, enumeration, value, filter.value()) != 0;
			case "LT" -> compare(type, enumeration, value, filter.value()) < 0;
			case "LTE" -> compare(type, enumeration, value, filter.value()) <= 0;
			case "GT" -> compare(type, enumeration, value, filter.value()) > 0;
			case "GTE" -> compare(type, enumeration, value, filter.value()) >= 0;
			case "BETWEEN" -> compare(type, enumeration, value, filter.value()) >= 0
					&& compare(type, enumeration, value, filter.highValue()) <= 0;
			case "IN" -> in(type, enumeration, value, filter.values());
			case "NOT_IN" -> !in(type, enumeration, value, filter.values());
			case "CONTAINS_TOKEN" -> containsToken(value, filter.value());
			case "NOT_CONTAINS_TOKEN" -> !containsToken(value, filter.value());
			default -> false;
		};
	}

	static int compare(String type, boolean enumeration, String value, @Nullable String other) {
		if (other == null) {
			return 1;
		}
		try {
			return switch (type) {
				case "number" -> new BigDecimal(value).compareTo(new BigDecimal(other.trim()));
				case "date", "datetime" ->
					Long.compare(ValueValidator.epochMillis(value), ValueValidator.epochMillis(other));
				default -> enumeration ? value.compareTo(other) : value.compareToIgnoreCase(other);
			};
		}
		catch (RuntimeException ex) {
			throw ApiException.validation("Cannot compare " + type + " value with '" + other + "'");
		}
	}

	private static boolean in(String type, boolean enumeration, String value, @Nullable List<String> values) {
		if (values == null) {
			return false;
		}
		if ("string".equals(type) && !enumeration) {
			String lower = value.toLowerCase(Locale.ROOT);
			return values.contains(lower);
		}
		return values.stream().anyMatch((candidate) -> compare(type, enumeration, value, candidate) == 0);
	}

	private static boolean containsToken(String value, @Nullable String token) {
		if (token == null) {
			return false;
		}
		Pattern pattern = Pattern.compile(
				"\\Q" + token.toLowerCase(Locale.ROOT).replace("\\E", "\\E\\\\E\\Q").replace("*", "\\E.*\\Q") + "\\E");
		String lower = value.toLowerCase(Locale.ROOT);
		if (pattern.matcher(lower).matches()) {
			return true;
		}
		for (String part : lower.split("[\\s,;]+")) {
			if (pattern.matcher(part).matches()) {
				return true;
			}
		}
		return false;
	}

}
