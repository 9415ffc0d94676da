package dev.hubsync.mapping.transform;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.TransformSpec;
import dev.hubsync.events.mapping.UnmappedValueRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TransformsTests {

	private static Transform transform(String type, ColumnType column) {
		return Transforms.create(TransformSpec.of(type), column);
	}

	private static Transform transform(String type, ColumnType column, Map<String, String> options) {
		return Transforms.create(new TransformSpec(type, options, Map.of(), UnmappedValueRule.REJECT, null), column);
	}

	/**
	 * Platform → HubSpot → platform → HubSpot gives the first HubSpot value again, and
	 * the platform value read back converts to the same HubSpot value.
	 */
	private static void assertRoundTrip(Transform transform, Object platform, String expectedHubSpot) {
		String hubspot = transform.toHubSpot(platform);
		assertThat(hubspot).isEqualTo(expectedHubSpot);
		Object back = transform.toPlatform(hubspot);
		assertThat(transform.toHubSpot(back)).isEqualTo(hubspot);
		assertThat(transform.canonical(hubspot)).isEqualTo(hubspot);
	}

	@Test
	void stringTrimsAndFoldsCaseBothWays() {
		Transform plain = transform("string", ColumnType.TEXT);
		assertRoundTrip(plain, "  Ada  ", "Ada");
		assertThat(plain.toPlatform(" Ada ")).isEqualTo("Ada");
		Transform lower = transform("string", ColumnType.TEXT, Map.of("case", "lower"));
		assertRoundTrip(lower, "Example.COM", "example.com");
		assertThat(lower.toPlatform("EXAMPLE.com")).isEqualTo("example.com");
		Transform untrimmed = transform("string", ColumnType.TEXT, Map.of("trim", "false"));
		assertRoundTrip(untrimmed, " x ", " x ");
	}

	@Test
	void stringRefusesWhatHubSpotCannotHold() {
		Transform plain = transform("string", ColumnType.TEXT);
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> plain.toHubSpot("x".repeat(65_537)))
			.withMessageContaining("65536");
	}

	@Test
	void stringIntoUuidColumnParses() {
		Transform uuid = transform("string", ColumnType.UUID);
		UUID id = UUID.fromString("6f1c0c6e-2f7a-4d0e-9a55-0c2b7d6f1c00");
		assertRoundTrip(uuid, id, id.toString());
		assertThat(uuid.toPlatform(id.toString())).isEqualTo(id);
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> uuid.toPlatform("nope"))
			.withMessage("not a UUID");
	}

	@Test
	void emailIsTrimmedAndLowerCasedAndMustBeAnAddress() {
		Transform email = transform("email", ColumnType.TEXT);
		assertRoundTrip(email, " Ada.Lovelace@Example.COM ", "ada.lovelace@example.com");
		assertThat(email.toPlatform("ADA@EXAMPLE.COM")).isEqualTo("ada@example.com");
		for (String bad : new String[] { "ada", "@example.com", "ada@", "a@b@c", "ada lovelace@example.com" }) {
			assertThatExceptionOfType(ConversionFailure.class).as(bad)
				.isThrownBy(() -> email.toHubSpot(bad))
				.withMessage("not an email address");
		}
	}

	@ParameterizedTest
	@CsvSource({ "'(415) 555-0132',+14155550132", "'+1 555 010 0199',+15550100199", "'415.555.0132',+14155550132",
			"'+49 30 1234567',+49301234567", "'+44 20 7946 0958',+442079460958" })
	void phonesBecomeE164AndPossibleButUnassignedNumbersPass(String input, String e164) {
		Transform phone = transform("phone", ColumnType.TEXT);
		assertRoundTrip(phone, input, e164);
		assertThat(phone.toPlatform(input)).isEqualTo(e164);
	}

	@Test
	void phonesUseTheRegionForNationalNumbersAndRefuseImpossibleOnes() {
		Transform german = transform("phone", ColumnType.TEXT, Map.of("region", "DE"));
		assertThat(german.toHubSpot("030 1234567")).isEqualTo("+49301234567");
		Transform us = transform("phone", ColumnType.TEXT);
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> us.toHubSpot("12"))
			.withMessage("not a possible phone number");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> us.toHubSpot("call me"))
			.withMessageStartingWith("not a phone number");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> transform("phone", ColumnType.TEXT, Map.of("region", "XX")))
			.withMessageContaining("unknown phone region 'XX'");
	}

	@Test
	void numbersCompareNumerically() {
		Transform number = transform("number", ColumnType.DECIMAL);
		assertRoundTrip(number, new BigDecimal("1500.50"), "1500.5");
		assertThat(number.canonical("1500.50")).isEqualTo(number.canonical("1500.5")).isEqualTo("1500.5");
		assertThat(number.canonical("1.5E3")).isEqualTo("1500");
		assertThat(number.canonical("0.00")).isEqualTo("0");
		assertThat(number.toPlatform("1500.5")).isEqualTo(new BigDecimal("1500.5"));
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> number.toPlatform("12,5"))
			.withMessage("not a number");
	}

	@Test
	void numbersWithAbsurdExponentsAreRefusedBeforeTheyAreExpanded() {
		Transform number = transform("number", ColumnType.DECIMAL);
		// as a plain string, 1e999999999 is a billion digits
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> number.canonical("1e999999999"))
			.withMessageContaining("beyond 10^1000");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> number.toPlatform("1e-999999999"))
			.withMessageContaining("below 10^-1000");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> number.toPlatform("1".repeat(5000)))
			.withMessageContaining("digits");
		assertThat(number.canonical("1e15")).isEqualTo("1000000000000000");
		assertThat(number.canonical("0e999999999")).isEqualTo("0");
	}

	@Test
	void numbersFitTheColumn() {
		Transform scaled = transform("number", ColumnType.DECIMAL, Map.of("scale", "2"));
		assertThat(scaled.toPlatform("1500.5")).isEqualTo(new BigDecimal("1500.50"));
		assertThat(scaled.toPlatform("0.125")).isEqualTo(new BigDecimal("0.12"));
		Transform integer = transform("number", ColumnType.INTEGER);
		assertRoundTrip(integer, 42L, "42");
		assertThat(integer.toPlatform("42.0")).isEqualTo(42L);
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> integer.toPlatform("42.5"))
			.withMessageContaining("whole number");
		Transform floating = transform("number", ColumnType.FLOAT);
		assertRoundTrip(floating, 0.1d, "0.1");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> floating.toHubSpot(Double.NaN));
		Transform text = transform("number", ColumnType.TEXT);
		assertThat(text.toPlatform("007.10")).isEqualTo("7.1");
	}

	@Test
	void booleans() {
		Transform bool = transform("boolean", ColumnType.BOOLEAN);
		assertRoundTrip(bool, true, "true");
		assertRoundTrip(bool, false, "false");
		assertThat(bool.toPlatform("TRUE")).isEqualTo(true);
		Transform text = transform("boolean", ColumnType.TEXT);
		assertRoundTrip(text, "yes", "true");
		assertThat(text.toPlatform("false")).isEqualTo("false");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> bool.toPlatform("maybe"));
	}

	@Test
	void datesAreMidnightUtc() {
		Transform date = transform("date", ColumnType.DATE);
		assertRoundTrip(date, LocalDate.of(2015, 5, 1), "1430438400000");
		assertThat(date.toPlatform("1430438400000")).isEqualTo(LocalDate.of(2015, 5, 1));
		assertThat(date.toPlatform("2015-05-01")).isEqualTo(LocalDate.of(2015, 5, 1));
		assertThat(date.canonical("2015-05-01")).isEqualTo("1430438400000");
		// a datetime set in HubSpot's UI, used as a date: its UTC date
		assertThat(date.toPlatform("2015-05-01T22:30:00.000Z")).isEqualTo(LocalDate.of(2015, 5, 1));
		assertThat(date.toPlatform("1430519400000")).isEqualTo(LocalDate.of(2015, 5, 1));
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> date.toPlatform("May 1st"));
		Transform timestamp = transform("date", ColumnType.TIMESTAMPTZ);
		assertThat(timestamp.toPlatform("2015-05-01")).isEqualTo(Instant.parse("2015-05-01T00:00:00Z"));
	}

	@Test
	void dateTimesKeepMillisecondsAsHubSpotDoes() {
		Transform datetime = transform("datetime", ColumnType.TIMESTAMPTZ);
		Instant micros = Instant.parse("2024-01-17T19:55:04.281734Z");
		assertRoundTrip(datetime, micros, "2024-01-17T19:55:04.281Z");
		assertThat(datetime.toPlatform("1705521304281")).isEqualTo(Instant.parse("2024-01-17T19:55:04.281Z"));
		assertThat(datetime.canonical("2024-01-17T20:55:04.281+01:00")).isEqualTo("2024-01-17T19:55:04.281Z");
		Transform local = transform("datetime", ColumnType.TIMESTAMP, Map.of("zone", "Europe/Berlin"));
		assertRoundTrip(local, LocalDateTime.of(2024, 1, 17, 20, 55, 4), "2024-01-17T19:55:04.000Z");
		assertThat(local.toPlatform("2024-01-17T19:55:04Z")).isEqualTo(LocalDateTime.of(2024, 1, 17, 20, 55, 4));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> transform("datetime", ColumnType.TIMESTAMP, Map.of("zone", "Mars/Olympus")))
			.withMessage("unknown time zone 'Mars/Olympus'");
	}

	@Test
	void dateTimesAreWrittenWithExactlyMillisecondsWhateverTheInput() {
		Transform datetime = transform("datetime", ColumnType.TIMESTAMPTZ);
		assertThat(datetime.canonical("2024-01-17T19:55:04Z")).isEqualTo("2024-01-17T19:55:04.000Z");
		assertThat(datetime.canonical("2024-01-17T19:55:04.2Z")).isEqualTo("2024-01-17T19:55:04.200Z");
		assertThat(datetime.canonical("1970-01-01T00:00:00.000Z")).isEqualTo("1970-01-01T00:00:00.000Z");
		assertThat(datetime.canonical("-1")).isEqualTo("1969-12-31T23:59:59.999Z");
		assertThat(datetime.toPlatform("2024-02-29T23:59:59.999Z"))
			.isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
		assertThatExceptionOfType(ConversionFailure.class)
			.isThrownBy(() -> datetime.toPlatform("2023-02-29T23:59:59.999Z"));
		assertThatExceptionOfType(ConversionFailure.class)
			.isThrownBy(() -> datetime.toPlatform("2023-02-2xT23:59:59.999Z"));
	}

	@ParameterizedTest
	@CsvSource({ "+14155550132,US", "+15550100199,US", "+442079460958,US", "+447911123456,US", "+49301234567,US",
			"+4915112345678,US", "+33612345678,US", "+390612345678,US", "+393123456789,US", "+61412345678,US",
			"+81312345678,US", "+8613800138000,US", "+5511987654321,US", "+79161234567,US", "+78001234567,US",
			"+12125550132,US", "+11415555013,US", "+4401234567890,US", "+80012345678,US", "+97142345678,US",
			"+35312345678,US", "+999123456789,US", "+1234,US", "'(415) 555-0132',US", "415.555.0132,US",
			"'1 415 555 0132',US", "'011 44 20 7946 0958',US", "'+44 (0)20 7946 0958',US", "'+1 (415) 555-0132',US",
			"'415-555-0132 ext. 12',US", "'415 555 0132 x12',US", "'1-800-FLOWERS',US", "'4 1 5 5 5 5 0 1 3 2',US",
			"'+1 415 +555 0132',US", "'030 1234567',DE", "'30 1234567',DE", "'0151 12345678',DE", "'020 7946 0958',GB",
			"'7911 123456',GB", "'06 12 34 56 78',FR", "'612345678',FR", "'06 1234 5678',IT", "'8 916 123-45-67',RU",
			"'916 123-45-67',RU", "'555',US", "'',US", "'()',US" })
	void phoneInputIsReadAsLibphonenumberReadsIt(String input, String region) {
		Transform phone = transform("phone", ColumnType.TEXT, Map.of("region", region));
		String expected;
		try {
			com.google.i18n.phonenumbers.PhoneNumberUtil phones = com.google.i18n.phonenumbers.PhoneNumberUtil
				.getInstance();
			com.google.i18n.phonenumbers.Phonenumber.PhoneNumber number = phones.parse(input, region);
			expected = phones.isPossibleNumber(number)
					? phones.format(number, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164)
					: "refused";
		}
		catch (com.google.i18n.phonenumbers.NumberParseException ex) {
			expected = "refused";
		}
		String actual;
		try {
			actual = phone.toHubSpot(input);
		}
		catch (ConversionFailure ex) {
			actual = "refused";
		}
		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void enumerationsMapBothWaysAndRejectUnmappedValues() {
		Transform stages = Transforms.create(new TransformSpec("enum", Map.of(),
				Map.of("lead", "lead", "mql", "marketingqualifiedlead"), UnmappedValueRule.REJECT, null),
				ColumnType.TEXT);
		assertRoundTrip(stages, "mql", "marketingqualifiedlead");
		assertThat(stages.toPlatform("marketingqualifiedlead")).isEqualTo("mql");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> stages.toHubSpot("prospect"))
			.withMessage("no HubSpot value is mapped for it");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> stages.toPlatform("evangelist"))
			.withMessage("no platform value is mapped for it");
	}

	@Test
	void enumerationsPassThroughOrDefaultWhenToldTo() {
		Transform pass = Transforms.create(
				new TransformSpec("enum", Map.of(), Map.of("a", "A"), UnmappedValueRule.PASS_THROUGH, null),
				ColumnType.TEXT);
		assertThat(pass.toHubSpot("b")).isEqualTo("b");
		assertThat(pass.toPlatform("B")).isEqualTo("B");
		Transform fallback = Transforms.create(new TransformSpec("enum", Map.of(), Map.of("a", "A", "other", "OTHER"),
				UnmappedValueRule.DEFAULT, "OTHER"), ColumnType.TEXT);
		assertThat(fallback.toHubSpot("zzz")).isEqualTo("OTHER");
		assertThat(fallback.toPlatform("ZZZ")).isEqualTo("other");
		Transform identity = transform("enum", ColumnType.TEXT);
		assertRoundTrip(identity, "COMPUTER_SOFTWARE", "COMPUTER_SOFTWARE");
	}

	@Test
	void enumerationMapsMustBeOneToOneAndDefaultsNeedAValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> Transforms.create(
				new TransformSpec("enum", Map.of(), Map.of("a", "X", "b", "X"), UnmappedValueRule.REJECT, null),
				ColumnType.TEXT))
			.withMessageContaining("one-to-one");
		assertThatIllegalArgumentException().isThrownBy(() -> Transforms.create(
				new TransformSpec("enum", Map.of(), Map.of("a", "X"), UnmappedValueRule.DEFAULT, null),
				ColumnType.TEXT))
			.withMessage("unmapped=DEFAULT needs a defaultValue");
	}

	@Test
	void enumerationsKnowBackwardMoves() {
		EnumTransform stages = (EnumTransform) Transforms.create(new TransformSpec("enum",
				Map.of("order", "lead,marketingqualifiedlead,customer", "backwards", "clear-then-set"), Map.of(),
				UnmappedValueRule.REJECT, null), ColumnType.TEXT);
		assertThat(stages.movesBackwards("customer", "lead")).isTrue();
		assertThat(stages.movesBackwards("lead", "customer")).isFalse();
		assertThat(stages.movesBackwards(null, "lead")).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Transforms.create(new TransformSpec("enum", Map.of("backwards", "clear-then-set"),
					Map.of(), UnmappedValueRule.REJECT, null), ColumnType.TEXT))
			.withMessage("option 'backwards' needs option 'order'");
	}

	@Test
	void multiSelectsAreSetsJoinedBySemicolons() {
		Transform tags = Transforms.create(new TransformSpec("multiselect", Map.of(),
				Map.of("gold", "GOLD", "silver", "SILVER", "new", "NEW"), UnmappedValueRule.REJECT, null),
				ColumnType.TEXT_ARRAY);
		assertRoundTrip(tags, List.of("silver", "gold", "gold"), "GOLD;SILVER");
		assertThat(tags.toPlatform("SILVER;GOLD")).isEqualTo(List.of("gold", "silver"));
		assertThat(tags.canonical("SILVER;;GOLD")).isEqualTo("GOLD;SILVER");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> tags.toHubSpot(List.of("bronze")));
		Transform text = transform("multiselect", ColumnType.TEXT);
		assertRoundTrip(text, "b;a", "a;b");
		assertThat(text.toPlatform("b;a")).isEqualTo("a;b");
	}

	@Test
	void jsonIsCanonicalised() {
		Transform json = transform("json", ColumnType.JSON);
		assertRoundTrip(json, "{ \"b\": 1, \"a\": [true, null] }", "{\"a\":[true,null],\"b\":1}");
		assertThat(json.canonical("{\"b\":1,\"a\":[true,null]}"))
			.isEqualTo(json.canonical("{\"a\":[true,null], \"b\":1}"));
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> json.toPlatform("{oops"))
			.withMessage("not JSON");
	}

	@Test
	void unknownTransformsAndOptionsAreRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> transform("uppercase", ColumnType.TEXT))
			.withMessageStartingWith("unknown transform 'uppercase'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> transform("string", ColumnType.TEXT, Map.of("lowercase", "true")))
			.withMessageStartingWith("transform 'string' has no option 'lowercase'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> transform("string", ColumnType.TEXT, Map.of("case", "title")))
			.withMessageContaining("must be one of none, upper, lower");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> transform("number", ColumnType.DECIMAL, Map.of("scale", "two")))
			.withMessageContaining("whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> Transforms.create(
				new TransformSpec("string", Map.of(), Map.of("a", "b"), UnmappedValueRule.REJECT, null),
				ColumnType.TEXT))
			.withMessage("only enum, multiselect and stage transforms take a value map");
	}

}
