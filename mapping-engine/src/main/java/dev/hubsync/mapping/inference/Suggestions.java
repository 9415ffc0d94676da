package dev.hubsync.mapping.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.hubsync.hubspot.properties.PropertyDefinition;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Proposes field mappings by name similarity ({@code first_name} ↔ {@code firstname},
 * {@code company_name} ↔ {@code company}): names are compared without case, underscores
 * and spaces by Jaro-Winkler (Apache Commons Text), against the property's name and
 * label; a name that is the other's suffix ({@code name} ↔ {@code dealname}) scores at
 * least 0.9. Each column and property is proposed at most once, best pairs first.
 */
public final class Suggestions {

	/** The score from which a pair is proposed. */
	public static final double THRESHOLD = 0.85;

	private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

	private Suggestions() {
	}

	/**
	 * Proposes mappings.
	 * @param columns the table's columns that may be mapped (without key and bookkeeping
	 * columns)
	 * @param properties HubSpot's properties of the object type
	 * @return proposals, best first
	 */
	public static List<Suggestion> suggest(List<ColumnInfo> columns, List<PropertyDefinition> properties) {
		List<Candidate> candidates = new ArrayList<>();
		for (ColumnInfo column : columns) {
			for (PropertyDefinition property : properties) {
				if (!property.writable() || Boolean.TRUE.equals(property.archived())
						|| property.name().startsWith("hubsync_")) {
					continue;
				}
				double score = score(column.name(), property);
				if (score >= THRESHOLD) {
					candidates.add(new Candidate(column, property, score));
				}
			}
		}
		candidates.sort(Comparator.comparingDouble(Candidate::score)
			.reversed()
			.thenComparing((candidate) -> candidate.column().name())
			.thenComparing((candidate) -> candidate.property().name()));
		Set<String> usedColumns = new HashSet<>();
		Set<String> usedProperties = new HashSet<>();
		List<Suggestion> suggestions = new ArrayList<>();
		for (Candidate candidate : candidates) {
			if (usedColumns.contains(candidate.column().name())
					|| usedProperties.contains(candidate.property().name())) {
				continue;
			}
			usedColumns.add(candidate.column().name());
			usedProperties.add(candidate.property().name());
			Inference inference = TypeInference.infer(candidate.column(), candidate.property());
			suggestions.add(new Suggestion(candidate.column().name(), candidate.property().name(),
					Math.round(candidate.score() * 1000) / 1000.0, inference.transform(), inference.refusal()));
		}
		return suggestions;
	}

	/**
	 * Scores how alike a column's and a property's names are.
	 * @param column the column name
	 * @param property the property
	 * @return 0 to 1
	 */
	public static double score(String column, PropertyDefinition property) {
		String a = simplify(column);
		double best = similarity(a, simplify(property.name()));
		if (property.label() != null) {
			best = Math.max(best, similarity(a, simplify(property.label())));
		}
		return best;
	}

	private static double similarity(String a, String b) {
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		double score = SIMILARITY.apply(a, b);
		if (a.length() >= 4 && b.length() >= 4 && (a.endsWith(b) || b.endsWith(a))) {
			score = Math.max(score, 0.9);
		}
		return score;
	}

	private static String simplify(String name) {
		StringBuilder simple = new StringBuilder(name.length());
		for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				simple.append(c);
			}
		}
		return simple.toString();
	}

	private record Candidate(ColumnInfo column, PropertyDefinition property, double score) {
	}

}
