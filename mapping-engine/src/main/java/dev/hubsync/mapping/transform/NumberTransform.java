package dev.hubsync.mapping.transform;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.hubsync.events.local.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * Numbers: HubSpot sends and takes decimal strings and may normalise them
 * ({@code "1500.50"} comes back as {@code "1500.5"}), so values compare numerically: the
 * canonical form is the plain decimal without trailing zeros. Into an integer column a
 * fraction is refused; into a numeric column the {@code scale} option, when set, rounds
 * half-even to that many places.
 */
final class NumberTransform implements Transform {

	private final ColumnType column;

	private final @Nullable Integer scale;

	NumberTransform(ColumnType column, @Nullable Integer scale) {
		this.column = column;
		this.scale = scale;
	}

	@Override
	public String toHubSpot(Object value) {
		BigDecimal number;
		if (value instanceof BigDecimal decimal) {
			number = decimal;
		}
		else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
			return value.toString();
		}
		else if (value instanceof Double || value instanceof Float) {
			double d = ((Number) value).doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				throw new ConversionFailure("HubSpot numbers are finite");
			}
			number = BigDecimal.valueOf(d);
		}
		else {
			number = parse(value.toString());
		}
		return plain(number);
	}

	@Override
	public Object toPlatform(String value) {
		BigDecimal number = parse(value);
		return switch (this.column) {
			case INTEGER -> {
				try {
					yield number.longValueExact();
				}
				catch (ArithmeticException ex) {
					throw new ConversionFailure("not a whole number that fits the integer column");
				}
			}
			case FLOAT -> number.doubleValue();
			case TEXT -> plain(number);
			default -> (this.scale != null) ? number.setScale(this.scale, RoundingMode.HALF_EVEN) : number;
		};
	}

	@Override
	public String canonical(String value) {
		return plain(parse(value));
	}

	/**
	 * The most digits, and the largest power of ten, a number may have: far beyond any
	 * column PostgreSQL's {@code numeric} or HubSpot's number property holds in practice,
	 * and small enough that no value makes the worker allocate without bound (a plain
	 * string of {@code 1e999999999} is a billion digits).
	 */
	static final int MAX_DIGITS = 1000;

	private static BigDecimal parse(String text) {
		String trimmed = text.strip();
		if (trimmed.length() > MAX_DIGITS + 10) {
			throw new ConversionFailure("a number of more than " + MAX_DIGITS + " digits");
		}
		BigDecimal number;
		try {
			number = new BigDecimal(trimmed);
		}
		catch (NumberFormatException ex) {
			throw new ConversionFailure("not a number");
		}
		// digits before the point, or zeros after it, of the plain form
		long magnitude = (long) number.precision() - number.scale();
		if (number.signum() != 0
				&& (magnitude > MAX_DIGITS || -magnitude > MAX_DIGITS || number.precision() > MAX_DIGITS)) {
			throw new ConversionFailure("a number beyond 10^" + MAX_DIGITS + " or below 10^-" + MAX_DIGITS);
		}
		return number;
	}

	private static String plain(BigDecimal number) {
		return (number.signum() == 0) ? "0" : number.stripTrailingZeros().toPlainString();
	}

}
