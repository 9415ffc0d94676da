package dev.hubsync.mapping.transform;

import java.util.Locale;

import dev.hubsync.events.local.ColumnType;

/**
 * Booleans: HubSpot's {@code "true"}/{@code "false"} against a boolean column (or a text
 * column holding {@code true}/{@code false}, {@code yes}/{@code no},
 * {@code 1}/{@code 0}).
 */
final class BooleanTransform implements Transform {

	private final ColumnType column;

	BooleanTransform(ColumnType column) {
		this.column = column;
	}

	@Override
	public String toHubSpot(Object value) {
		if (value instanceof Boolean bool) {
			return bool.toString();
		}
		return String.valueOf(parse(value.toString()));
	}

	@Override
	public Object toPlatform(String value) {
		boolean bool = parse(value);
		return (this.column == ColumnType.TEXT) ? String.valueOf(bool) : bool;
	}

	private static boolean parse(String text) {
		return switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "true", "yes", "1" -> true;
			case "false", "no", "0" -> false;
			default -> throw new ConversionFailure("not a boolean (true/false)");
		};
	}

}
