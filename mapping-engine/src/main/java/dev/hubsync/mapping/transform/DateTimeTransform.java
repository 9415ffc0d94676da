package dev.hubsync.mapping.transform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import dev.hubsync.events.local.ColumnType;

/**
 * Points in time: HubSpot's {@code datetime} (milliseconds) against {@code timestamptz}
 * (or {@code timestamp}, read in the {@code zone} option, default UTC). Sent as ISO-8601
 * UTC, as HubSpot returns them; compared at millisecond precision, since HubSpot keeps no
 * more, so a microsecond timestamp read back is the same value.
 */
final class DateTimeTransform implements Transform {

	private final ColumnType column;

	private final ZoneId zone;

	DateTimeTransform(ColumnType column, ZoneId zone) {
		this.column = column;
		this.zone = zone;
	}

	@Override
	public String toHubSpot(Object value) {
		return Instants.canonical(Instants.of(value, this.zone));
	}

	@Override
	public Object toPlatform(String value) {
		Instant instant = Instants.millis(Instants.parse(value));
		return switch (this.column) {
			case TIMESTAMP -> LocalDateTime.ofInstant(instant, this.zone);
			case DATE -> LocalDate.ofInstant(instant, this.zone);
			case TEXT -> Instants.canonical(instant);
			default -> instant;
		};
	}

	@Override
	public String canonical(String value) {
		return Instants.canonical(Instants.parse(value));
	}

}
