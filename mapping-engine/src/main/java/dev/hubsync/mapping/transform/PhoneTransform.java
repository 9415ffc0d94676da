package dev.hubsync.mapping.transform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers in E.164 on both sides, by libphonenumber's parse-and-format. A number
 * without a country code is read in the {@code region} option (default {@code US}).
 * Numbers that are possible but not assigned (+1 555 …, used in examples and tests) pass:
 * the check is {@code isPossibleNumber}, not {@code isValidNumber}.
 */
final class PhoneTransform implements Transform {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private final String region;

	PhoneTransform(String region) {
		if (!PHONES.getSupportedRegions().contains(region)) {
			throw new IllegalArgumentException("unknown phone region '" + region + "' (ISO 3166 code, e.g. US, DE)");
		}
		this.region = region;
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
		PhoneNumber number;
		try {
			number = PHONES.parse(text, this.region);
		}
		catch (NumberParseException ex) {
			throw new ConversionFailure("not a phone number (" + ex.getErrorType() + ")");
		}
		if (!PHONES.isPossibleNumber(number)) {
			throw new ConversionFailure("not a possible phone number");
		}
		return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
	}

}
