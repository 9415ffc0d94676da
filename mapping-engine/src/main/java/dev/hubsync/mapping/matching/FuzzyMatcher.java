package dev.hubsync.mapping.matching;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

import dev.hubsync.events.mapping.MatchingSpec;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.jspecify.annotations.Nullable;

/**
 * The fuzzy rule of ARCHITECTURE §6: two records whose fuzzy columns (e.g. first and last
 * name) are alike enough are a candidate pair. Values are compared without accents, case,
 * punctuation and extra spaces, by Jaro-Winkler (Apache Commons Text); the score is the
 * mean over the columns, and a column empty on either side makes no pair (nothing to
 * compare is not a match).
 */
public final class FuzzyMatcher {

	private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

	private final double threshold;

	/**
	 * Creates a matcher.
	 * @param spec the mapping's matching rules
	 */
	public FuzzyMatcher(MatchingSpec spec) {
		this.threshold = spec.fuzzyThreshold();
	}

	/**
	 * Scores two records.
	 * @param left one record's values of the fuzzy columns, in order
	 * @param right the other's
	 * @return the similarity, 0 to 1; 0 when a value is missing
	 */
	public double score(List<@Nullable String> left, List<@Nullable String> right) {
		if (left.isEmpty() || left.size() != right.size()) {
			return 0;
		}
		double sum = 0;
		for (int i = 0; i < left.size(); i++) {
			String a = simplify(left.get(i));
			String b = simplify(right.get(i));
			if (a.isEmpty() || b.isEmpty()) {
				return 0;
			}
			sum += SIMILARITY.apply(a, b);
		}
		return sum / left.size();
	}

	/**
	 * Tells whether two records are a candidate pair.
	 * @param left one record's values
	 * @param right the other's
	 * @return whether the score reaches the threshold
	 */
	public boolean matches(List<@Nullable String> left, List<@Nullable String> right) {
		return score(left, right) >= this.threshold;
	}

	static String simplify(@Nullable String value) {
		if (value == null) {
			return "";
		}
		String decomposed = Normalizer.normalize(value, Normalizer.Form.NFKD);
		StringBuilder simple = new StringBuilder(decomposed.length());
		boolean space = false;
		for (char c : decomposed.toLowerCase(Locale.ROOT).toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				if (space && simple.length() > 0) {
					simple.append(' ');
				}
				simple.append(c);
				space = false;
			}
			else if (Character.isWhitespace(c)) {
				space = true;
			}
		}
		return simple.toString();
	}

}
