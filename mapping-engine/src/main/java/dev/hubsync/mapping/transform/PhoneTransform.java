package dev.hubsync.mapping.transform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * Phone numbers in E.164 on both sides, by libphonenumber's parse-and-format. A number
 * without a country code is read in the {@code region} option (default {@code US}).
 * Numbers that are possible but not assigned (+1 555 …, used in examples and tests) pass:
 * the check is {@code isPossibleNumber}, not {@code isValidNumber}.
 */
final class PhoneTransform implements Transform {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private final String region;

	private final int countryCode;

	PhoneTransform(String region) {
		if (!PHONES.getSupportedRegions().contains(region)) {
			throw new IllegalArgumentException("unknown phone region '" + region + "' (ISO 3166 code, e.g. US, DE)");
		}
		this.region = region;
		this.countryCode = PHONES.getCountryCodeForRegion(region);
	}

	/**
	 * Removes the usual separators (space, parentheses, dash, dot, slash) and, for a
	 * number without {@code +}, prefixes the region's country code.
	 * @return {@code +digits}, or null when the text holds anything else (letters,
	 * extensions, a {@code +} inside) or a national number starting with 0
	 */
	static @Nullable String plainE164(String text, int countryCode) {
		StringBuilder digits = new StringBuilder(text.length() + 4);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
			else if (c == '+' && digits.length() == 0 && !(i > 0 && text.lastIndexOf('+', i - 1) >= 0)) {
				digits.append(c);
			}
			else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.' && c != '/') {
				return null;
			}
		}
		if (digits.length() == 0) {
			return null;
		}
		if (digits.charAt(0) == '+') {
			return digits.toString();
		}
		if (digits.charAt(0) == '0') {
			return null;
		}
		return "+" + countryCode + digits;
	}

	@Override
	public String toHubSpot(Object value) {
		return e164(value.toString());
	}

	@Override
	public Object toPlatform(String value) {
		return e164(value);
	}

	@Override
	public String canonical(String value) {
		return e164(value);
	}

	private String e164(String text) {
		// libphonenumber's regex-driven parse is the costliest step of mapping a record.
		// Numbers written plainly — E.164 (what HubSpot holds after the first sync), or
		// national digits with the usual separators — are read directly; anything else,
		// and
		// anything the quick reading finds impossible, goes to parse().
		// PhoneTransformTests checks both readings agree.
		String candidate = plainE164(text, this.countryCode);
		PhoneNumber number = (candidate != null) ? fromE164(candidate) : null;
		if (number != null && PHONES.isPossibleNumber(number)) {
			return candidate;
		}
		try {
			number = PHONES.parse(text, this.region);
		}
		catch (NumberParseException ex) {
			throw new ConversionFailure("not a phone number (" + ex.getErrorType() + ")");
		}
		if (!PHONES.isPossibleNumber(number)) {
			possibleFailure();
		}
		return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
	}

	private static String possibleFailure() {
		throw new ConversionFailure("not a possible phone number");
	}

	/**
	 * Reads {@code +<country code><national number>} (digits only, 8 to 16 characters)
	 * the way {@code parse} reads it: country codes are prefix-free, so the first 1 to 3
	 * digits that name a country are its code. Whatever {@code parse} might treat
	 * differently — a national number starting with 0 (kept as a leading zero) or with
	 * the country's national prefix (which {@code parse} may strip) — is left to
	 * {@code parse}.
	 * @param text the text
	 * @return the number, or null when the text is not plainly in that form
	 */
	static @Nullable PhoneNumber fromE164(String text) {
		int length = text.length();
		if (length < 8 || length > 16 || text.charAt(0) != '+') {
			return null;
		}
		for (int i = 1; i < length; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return null;
			}
		}
		for (int digits = 1; digits <= 3; digits++) {
			int countryCode = Integer.parseInt(text, 1, 1 + digits, 10);
			String region = PHONES.getRegionCodeForCountryCode(countryCode);
			if (region.equals(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY)) {
				return null;
			}
			if (!region.equals("ZZ")) {
				int start = 1 + digits;
				String prefix = PHONES.getNddPrefixForRegion(region, true);
				if (length - start < 4 || text.charAt(start) == '0'
						|| (prefix != null && !prefix.isEmpty() && text.startsWith(prefix, start))) {
					return null;
				}
				return new PhoneNumber().setCountryCode(countryCode)
					.setNationalNumber(Long.parseLong(text, start, length, 10));
			}
		}
		return null;
	}

}
