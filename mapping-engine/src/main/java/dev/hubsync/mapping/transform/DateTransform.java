package dev.hubsync.mapping.transform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.hubsync.events.local.ColumnType;

/**
 * Calendar dates. HubSpot's {@code date} properties (and {@code datetime} ones used as
 * dates, such as a deal's {@code closedate}) take midnight UTC: the value sent is the
 * epoch milliseconds of that midnight, which both property types accept. A HubSpot value
 * with a time of day (a {@code datetime} set in HubSpot's UI) is read as its UTC date.
 */
final class DateTransform implements Transform {

	private final ColumnType column;

	private final ZoneId zone;

	DateTransform(ColumnType column, ZoneId zone) {
		this.column = column;
		this.zone = zone;
	}

	@Override
	public String toHubSpot(Object value) {
		LocalDate date = (value instanceof LocalDate local) ? local
				: LocalDate.ofInstant(Instants.of(value, this.zone), ZoneOffset.UTC);
		return Long.toString(date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
	}

	@Override
	public Object toPlatform(String value) {
		LocalDate date = LocalDate.ofInstant(Instants.parse(value), ZoneOffset.UTC);
		return switch (this.column) {
			case TIMESTAMPTZ -> date.atStartOfDay(ZoneOffset.UTC).toInstant();
			case TIMESTAMP -> date.atStartOfDay();
			case TEXT -> date.toString();
			default -> date;
		};
	}

	@Override
	public String canonical(String value) {
		Instant midnight = LocalDate.ofInstant(Instants.parse(value), ZoneOffset.UTC)
			.atStartOfDay(ZoneOffset.UTC)
			.toInstant();
		return Long.toString(midnight.toEpochMilli());
	}

}
