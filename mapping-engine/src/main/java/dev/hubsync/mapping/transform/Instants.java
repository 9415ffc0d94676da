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

import org.jspecify.annotations.Nullable;

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
		Instant quick = parseCanonical(value);
		if (quick != null) {
			return quick;
		}
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

	/**
	 * Writes an instant as HubSpot returns datetimes: ISO-8601 UTC with exactly three
	 * fractional digits ({@code 2024-01-17T19:55:04.281Z}). Hand-written because
	 * {@code Instant.toString} (a {@code DateTimeFormatter}) is several times slower and
	 * varies the number of digits.
	 */
	static String canonical(Instant instant) {
		long millis = instant.toEpochMilli();
		long seconds = Math.floorDiv(millis, 1000);
		int milli = (int) Math.floorMod(millis, 1000);
		LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
		int year = time.getYear();
		if (year < 0 || year > 9999) {
			return instant.toString();
		}
		char[] out = new char[24];
		digits(out, 0, year, 4);
		out[4] = '-';
		digits(out, 5, time.getMonthValue(), 2);
		out[7] = '-';
		digits(out, 8, time.getDayOfMonth(), 2);
		out[10] = 'T';
		digits(out, 11, time.getHour(), 2);
		out[13] = ':';
		digits(out, 14, time.getMinute(), 2);
		out[16] = ':';
		digits(out, 17, time.getSecond(), 2);
		out[19] = '.';
		digits(out, 20, milli, 3);
		out[23] = 'Z';
		return new String(out);
	}

	private static void digits(char[] out, int at, int value, int width) {
		int rest = value;
		for (int i = at + width - 1; i >= at; i--) {
			out[i] = (char) ('0' + rest % 10);
			rest /= 10;
		}
	}

	/**
	 * Reads exactly the form {@link #canonical(Instant)} writes; null for anything else.
	 */
	private static @Nullable Instant parseCanonical(String value) {
		if (value.length() != 24 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != 'T'
				|| value.charAt(13) != ':' || value.charAt(16) != ':' || value.charAt(19) != '.'
				|| value.charAt(23) != 'Z') {
			return null;
		}
		int year = number(value, 0, 4);
		int month = number(value, 5, 2);
		int day = number(value, 8, 2);
		int hour = number(value, 11, 2);
		int minute = number(value, 14, 2);
		int second = number(value, 17, 2);
		int milli = number(value, 20, 3);
		if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || milli < 0) {
			return null;
		}
		try {
			return LocalDateTime.of(year, month, day, hour, minute, second, milli * 1_000_000)
				.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static int number(String value, int at, int width) {
		int result = 0;
		for (int i = at; i < at + width; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			result = result * 10 + (c - '0');
		}
		return result;
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
