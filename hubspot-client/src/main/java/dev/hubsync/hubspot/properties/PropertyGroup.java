package dev.hubsync.hubspot.properties;

import org.jspecify.annotations.Nullable;

/**
 * A property group.
 *
 * @param name the internal name
 * @param label the label
 * @param displayOrder its position
 */
public record PropertyGroup(String name, String label, @Nullable Integer displayOrder) {
}
