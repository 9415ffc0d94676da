package dev.hubsync.mapping.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.hubsync.events.local.ColumnType;

/**
 * Multi-select enumerations: HubSpot's {@code ;}-joined option values (no spaces) against
 * a SQL text array (or a text column holding the same {@code ;}-joined form). Each
 * element goes through the enumeration's value map. A selection is a set: the canonical
 * form is sorted and without duplicates, and values are written in that form.
 */
final class MultiSelectTransform implements Transform {

	private final EnumTransform elements;

	private final ColumnType column;

	MultiSelectTransform(EnumTransform elements, ColumnType column) {
		this.elements = elements;
		this.column = column;
	}

	@Override
	public String toHubSpot(Object value) {
		TreeSet<String> selected = new TreeSet<>();
		if (value instanceof List<?> list) {
			for (Object element : list) {
				if (element != null && !element.toString().isBlank()) {
					selected.add(this.elements.toHubSpot(element.toString().strip()));
				}
			}
		}
		else {
			for (String element : value.toString().split(";")) {
				if (!element.isBlank()) {
					selected.add(this.elements.toHubSpot(element.strip()));
				}
			}
		}
		if (selected.isEmpty()) {
			throw new ConversionFailure("an empty selection is a null value");
		}
		return String.join(";", selected);
	}

	@Override
	public Object toPlatform(String value) {
		TreeSet<String> selected = new TreeSet<>();
		for (String element : value.split(";")) {
			if (!element.isBlank()) {
				selected.add((String) this.elements.toPlatform(element.strip()));
			}
		}
		return (this.column == ColumnType.TEXT) ? String.join(";", selected) : new ArrayList<>(selected);
	}

}
