package dev.hubsync.mapping.transform;

import dev.hubsync.mapping.matching.MatchKeys;

/**
 * Email addresses: trimmed and lower-cased (HubSpot compares them case-insensitively),
 * and refused when they are not an address at all ({@code local@domain}, no spaces),
 * which HubSpot would refuse too.
 */
final class EmailTransform implements Transform {

	@Override
	public String toHubSpot(Object value) {
		String email = MatchKeys.normaliseEmail(value.toString());
		if (email == null) {
			throw new ConversionFailure("empty email address");
		}
		int at = email.indexOf('@');
		if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.indexOf(' ') >= 0) {
			throw new ConversionFailure("not an email address");
		}
		return email;
	}

	@Override
	public Object toPlatform(String value) {
		return toHubSpot(value);
	}

	@Override
	public String canonical(String value) {
		return toHubSpot(value);
	}

}
