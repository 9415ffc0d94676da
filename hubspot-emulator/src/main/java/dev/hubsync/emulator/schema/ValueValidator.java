package dev.hubsync.emulator.schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.hubsync.emulator.error.ApiException.PropertyProblem;

/**
 * Checks a written value against its property and returns it in the form HubSpot stores
 * and returns: numbers normalised ({@code 1500.50} becomes {@code 1500.5}, so clients
 * must compare numerically), booleans lower case, dates as {@code yyyy-MM-dd}, datetimes
 * as ISO-8601 UTC with milliseconds. {@code ""} clears any value.
 */
public final class ValueValidator {

	/** HubSpot's datetime format: ISO-8601, UTC, always three fraction digits. */
	public static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder().appendInstant(3)
		.toFormatter(Locale.ROOT);

	private static final int MAX_TEXT = 65_536;

	/** Epoch milliseconds, before 1970 too (negative). */
	private static final java.util.regex.Pattern EPOCH = java.util.regex.Pattern.compile("-?\\d+");

	/**
	 * What HubSpot takes for an email address: a local part, one {@code @}, and a domain
	 * with a dot (HubSpot refuses {@code person@localhost}, which RFC 5321 allows).
	 */
	private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern
		.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

	private ValueValidator() {
	}

	/**
	 * Validates and normalises a value.
	 * @param def the property
	 * @param value the written value
	 * @param ownerIds the existing owner ids, for owner properties
	 * @return the stored form
	 * @throws InvalidValue when the value does not fit
	 */
	public static String normalize(PropertyDef def, String value, Set<String> ownerIds) {
		if (value.isEmpty()) {
			return value;
		}
		return switch (def.type()) {
			case "number" -> number(def, value);
			case "bool" -> bool(def, value);
			case "enumeration" -> enumeration(def, value, ownerIds);
			case "date" -> date(def, value);
			case "datetime" -> datetime(def, value);
			default -> text(def, value);
		};
	}

	/**
	 * Formats an instant as HubSpot returns datetimes.
	 * @param instant the instant
	 * @return e.g. {@code 2024-01-17T19:55:04.281Z}
	 */
	public static String datetime(Instant instant) {
		return DATETIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * Reads a stored date or datetime value as epoch milliseconds.
	 * @param value the stored value
	 * @return the instant's epoch milliseconds
	 */
	public static long epochMillis(String value) {
		if (EPOCH.matcher(value).matches()) {
			return Long.parseLong(value);
		}
		if (value.length() == 10) {
			return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		}
		return Instant.parse(value).toEpochMilli();
	}

	private static String text(PropertyDef def, String value) {
		if (value.length() > MAX_TEXT) {
			throw new InvalidValue(new PropertyProblem(def.name(), "INVALID_LENGTH",
					def.name() + " is longer than " + MAX_TEXT + " characters"));
		}
		if ("email".equals(def.name()) && !EMAIL.matcher(value.trim()).matches()) {
			throw new InvalidValue(
					new PropertyProblem(def.name(), "INVALID_EMAIL", "Email address " + value + " is invalid"));
		}
		return value;
	}

	private static String number(PropertyDef def, String value) {
		try {
			BigDecimal number = new BigDecimal(value.trim());
			return (number.signum() == 0) ? "0" : number.stripTrailingZeros().toPlainString();
		}
		catch (NumberFormatException ex) {
			throw new InvalidValue(
					new PropertyProblem(def.name(), "INVALID_INTEGER", value + " was not a valid number."));
		}
	}

	private static String bool(PropertyDef def, String value) {
		if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
			return value.toLowerCase(Locale.ROOT);
		}
		throw new InvalidValue(new PropertyProblem(def.name(), "INVALID_BOOLEAN", value + " was not a valid boolean."));
	}

	private static String enumeration(PropertyDef def, String value, Set<String> ownerIds) {
		if (def.externalOptions() && "OWNER".equals(def.referencedObjectType())) {
			if (!ownerIds.contains(value)) {
				throw new InvalidValue(
						new PropertyProblem(def.name(), "INVALID_OWNER_ID", value + " is not a valid owner id"));
			}
			return value;
		}
		if (def.options().isEmpty()) {
			return value;
		}
		if (def.multiValued()) {
			for (String each : value.split(";")) {
				if (!each.isEmpty() && !def.hasOption(each)) {
					throw invalidOption(def, each);
				}
			}
			return value;
		}
		if (!def.hasOption(value)) {
			throw invalidOption(def, value);
		}
		return value;
	}

	private static InvalidValue invalidOption(PropertyDef def, String value) {
		String allowed = def.options().stream().map(PropertyDef.Option::value).collect(Collectors.joining(", "));
		return new InvalidValue(new PropertyProblem(def.name(), "INVALID_OPTION",
				value + " was not one of the allowed options: [" + allowed + "]"));
	}

	private static String date(PropertyDef def, String value) {
		try {
			if (EPOCH.matcher(value).matches()) {
				Instant instant = Instant.ofEpochMilli(Long.parseLong(value));
				if (!instant.equals(instant.truncatedTo(ChronoUnit.DAYS))) {
					throw new InvalidValue(new PropertyProblem(def.name(), "INVALID_DATE",
							value + " is not a valid date: date values must be at midnight UTC"));
				}
				return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
			}
			return LocalDate.parse(value).toString();
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw new InvalidValue(new PropertyProblem(def.name(), "INVALID_DATE", value + " is not a valid date"));
		}
	}

	private static String datetime(PropertyDef def, String value) {
		try {
			if (EPOCH.matcher(value).matches()) {
				return datetime(Instant.ofEpochMilli(Long.parseLong(value)));
			}
			if (value.length() == 10) {
				return datetime(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
			}
			return datetime(Instant.parse(value));
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw new InvalidValue(
					new PropertyProblem(def.name(), "INVALID_DATETIME", value + " is not a valid datetime"));
		}
	}

	/** A value that does not fit its property. */
	public static final class InvalidValue extends RuntimeException {

		private final transient PropertyProblem problem;

		/**
		 * Creates the exception.
		 * @param problem what is wrong
		 */
		public InvalidValue(PropertyProblem problem) {
			super(problem.message());
			this.problem = problem;
		}

		/**
		 * Returns what is wrong.
		 * @return the problem
		 */
		public PropertyProblem problem() {
			return this.problem;
		}

	}

}
