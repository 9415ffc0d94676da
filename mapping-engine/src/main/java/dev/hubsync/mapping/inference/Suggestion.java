package dev.hubsync.mapping.inference;

import dev.hubsync.events.mapping.TransformSpec;
import org.jspecify.annotations.Nullable;

/**
 * A proposed field mapping.
 *
 * @param column the platform column
 * @param property the HubSpot property
 * @param score name similarity, 0 to 1
 * @param transform the inferred transform; null when the types do not fit
 * @param refusal why the types do not fit; null when they do
 */
public record Suggestion(String column, String property, double score, @Nullable TransformSpec transform,
		@Nullable String refusal) {
}
