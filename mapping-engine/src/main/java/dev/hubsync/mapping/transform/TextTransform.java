package dev.hubsync.mapping.transform;

import java.util.Locale;
import java.util.UUID;

import dev.hubsync.events.local.ColumnType;

/**
 * Strings, optionally trimmed (default) and case-folded. Options: {@code trim}
 * ({@code true}/{@code false}), {@code case} ({@code upper}, {@code lower},
 * {@code none}). HubSpot's limit of 65,536 characters is enforced rather than truncated.
 */
final class TextTransform implements Transform {

	static final int MAX_LENGTH = 65_536;

	private final boolean trim;

	private final String caseFold;

	private final ColumnType column;

	TextTransform(boolean trim, String caseFold, ColumnType column) {
		this.trim = trim;
		this.caseFold = caseFold;
		this.column = column;
	}

	@Override
	public String toHubSpot(Object value) {
		return normalise(value.toString());
	}

	@Override
	public Object toPlatform(String value) {
		String text = normalise(value);
		if (this.column == ColumnType.UUID) {
			try {
				return UUID.fromString(text);
			}
			catch (IllegalArgumentException ex) {
				throw new ConversionFailure("not a UUID");
			}
		}
		return text;
	}

	@Override
	public String canonical(String value) {
		return normalise(value);
	}

	private String normalise(String value) {
		String text = this.trim ? value.strip() : value;
		if (text.length() > MAX_LENGTH) {
			throw new ConversionFailure("longer than HubSpot's " + MAX_LENGTH + " characters (" + text.length() + ")");
		}
		return switch (this.caseFold) {
			case "upper" -> text.toUpperCase(Locale.ROOT);
			case "lower" -> text.toLowerCase(Locale.ROOT);
			default -> text;
		};
	}

}
