package dev.hubsync.mapping.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.mapping.MatchingSpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatchingTests {

	@Test
	void emailsAreNormalisedAndIncludeAdditionalOnes() {
		assertThat(MatchKeys.normaliseEmail("  Ada@Example.COM ")).isEqualTo("ada@example.com");
		assertThat(MatchKeys.normaliseEmail("   ")).isNull();
		Map<String, @Nullable String> properties = new HashMap<>();
		properties.put("email", "Ada@Example.com");
		properties.put("hs_additional_emails", "ada@example.com;A.Lovelace@Example.org; ;");
		assertThat(MatchKeys.emails(properties, "email")).containsExactly("ada@example.com", "a.lovelace@example.org");
		assertThat(MatchKeys.emails(Map.of(), "email")).isEmpty();
	}

	@Test
	void lockKeysAreStablePerTypeAndKey() {
		long key = MatchKeys.lockKey("0-1", "ada@example.com");
		assertThat(MatchKeys.lockKey("0-1", "ada@example.com")).isEqualTo(key);
		assertThat(MatchKeys.lockKey("0-2", "ada@example.com")).isNotEqualTo(key);
		assertThat(MatchKeys.lockKey("0-1", "grace@example.com")).isNotEqualTo(key);
	}

	@Test
	void fuzzyMatchingIgnoresCaseAccentsAndPunctuation() {
		FuzzyMatcher matcher = new FuzzyMatcher(new MatchingSpec(List.of("first_name", "last_name"), 0.92, false));
		assertThat(matcher.score(List.of("Zoë", "O'Brien"), List.of("zoe", "OBrien"))).isEqualTo(1.0);
		assertThat(matcher.matches(List.of("Jon", "Smith"), List.of("John", "Smith"))).isTrue();
		assertThat(matcher.matches(List.of("Ada", "Lovelace"), List.of("Grace", "Hopper"))).isFalse();
		assertThat(matcher.score(Arrays.asList("Ada", null), List.of("Ada", "Lovelace"))).isZero();
		assertThat(matcher.score(List.of("Ada"), List.of("Ada", "Lovelace"))).isZero();
		assertThat(FuzzyMatcher.simplify("  Mary-Jane   Watson ")).isEqualTo("maryjane watson");
	}

}
