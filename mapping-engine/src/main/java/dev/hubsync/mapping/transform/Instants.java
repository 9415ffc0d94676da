package dev.hubsync.mapping.transform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** Parsing of HubSpot's date and time values: epoch milliseconds or ISO-8601. */
final class Instants {

	private Instants() {
	}

	/**
	 * Reads a HubSpot time: epoch milliseconds, an ISO instant or offset date-time, or an
	 * ISO date (midnight UTC).
	 */
	static Instant parse(String text) {
		String value = text.strip();
		try {
			if (isDigits(value)) {
				return Instant.ofEpochMilli(Long.parseLong(value));
			}
			if (value.length() == 10) {
				return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeException | NumberFormatException ex) {
			throw new ConversionFailure("not a date or time (epoch milliseconds or ISO-8601)");
		}
	}

	/**
	 * The platform's time values as an instant; local date-times are read in the zone.
	 */
	static Instant of(Object value, ZoneId zone) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof OffsetDateTime offset) {
			return offset.toInstant();
		}
		if (value instanceof ZonedDateTime zoned) {
			return zoned.toInstant();
		}
		if (value instanceof LocalDateTime local) {
			return local.atZone(zone).toInstant();
		}
		if (value instanceof LocalDate date) {
			return date.atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		if (value instanceof java.util.Date date) {
			return date.toInstant();
		}
		return parse(value.toString());
	}

	/** HubSpot keeps milliseconds. */
	static Instant millis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	private static boolean isDigits(String value) {
		if (value.isEmpty() || value.length() > 15) {
			return false;
		}
		for (int i = (value.charAt(0) == '-') ? 1 : 0; i < value.length(); i++) {
			if (!Character.isDigit(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

}
