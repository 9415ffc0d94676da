package dev.hubsync.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.AssociationMapping;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.mapping.MatchingSpec;
import org.jspecify.annotations.Nullable;

/**
 * A mapping ready for the hot path: immutable, thread-safe, built once per version by
 * {@link MappingCompiler}. Converting a record touches only arrays and one result map.
 */
public final class CompiledMapping {

	private final MappingConfig config;

	private final CompiledField[] fields;

	private final Map<String, CompiledField> byColumn;

	private final Map<String, CompiledField> byProperty;

	private final @Nullable CompiledField emailField;

	private final List<String> properties;

	CompiledMapping(MappingConfig config, List<CompiledField> fields) {
		this.config = config;
		this.fields = fields.toArray(CompiledField[]::new);
		Map<String, CompiledField> columns = new HashMap<>();
		Map<String, CompiledField> props = new HashMap<>();
		CompiledField email = null;
		List<String> names = new ArrayList<>();
		for (CompiledField field : fields) {
			columns.put(field.column(), field);
			props.put(field.property(), field);
			names.add(field.property());
			if (email == null && field.transformName().equals("email")) {
				email = field;
			}
		}
		this.byColumn = Map.copyOf(columns);
		this.byProperty = Map.copyOf(props);
		this.emailField = email;
		this.properties = List.copyOf(names);
	}

	/**
	 * Converts a platform row into the HubSpot properties to write: the fields that flow
	 * to HubSpot and whose column the row has, and the constants (a constant on a mapped
	 * property only where the row leaves the field empty).
	 * @param recordId the platform key, for errors
	 * @param row the row
	 * @return property to value ({@code ""} clears), in mapping order
	 * @throws ValueConversionException when a value cannot convert
	 */
	public Map<String, String> toHubSpot(String recordId, Row row) {
		Map<String, String> properties = new LinkedHashMap<>(
				(int) ((this.fields.length + this.config.constants().size()) / 0.75f) + 1);
		for (CompiledField field : this.fields) {
			if (field.direction().toHubSpot() && row.has(field.column())) {
				properties.put(field.property(), field.toHubSpot(recordId, row.get(field.column())));
			}
		}
		this.config.constants().forEach((name, value) -> {
			if (properties.getOrDefault(name, "").isEmpty()) {
				properties.put(name, value);
			}
		});
		return properties;
	}

	/**
	 * Converts HubSpot properties into the column values to write: the fields that flow
	 * to the platform and whose property is given.
	 * @param recordId the HubSpot id, for errors
	 * @param properties the record's properties (as read or as in the event)
	 * @return column to value (null clears), in mapping order
	 * @throws ValueConversionException when a value cannot convert
	 */
	public Map<String, @Nullable Object> toPlatform(String recordId, Map<String, @Nullable String> properties) {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>((int) (this.fields.length / 0.75f) + 1);
		for (CompiledField field : this.fields) {
			if (field.direction().toPlatform() && properties.containsKey(field.property())) {
				columns.put(field.column(), field.toPlatform(recordId, properties.get(field.property())));
			}
		}
		return columns;
	}

	/**
	 * Hashes a row's mapped values in their canonical HubSpot form (every field, whatever
	 * its direction; a column the row lacks counts as null).
	 * @param recordId the platform key, for errors
	 * @param row the row
	 * @return the hash
	 * @throws ValueConversionException when a value cannot convert
	 */
	public String hashOfRow(String recordId, Row row) {
		String[] values = new String[this.fields.length];
		for (int i = 0; i < this.fields.length; i++) {
			CompiledField field = this.fields[i];
			values[i] = field.toHubSpot(recordId, row.get(field.column()));
		}
		return ValueHash.of(this.fields, values);
	}

	/**
	 * Hashes a HubSpot record's mapped values in their canonical form (a property not
	 * given counts as empty).
	 * @param recordId the HubSpot id, for errors
	 * @param properties the record's properties
	 * @return the hash
	 * @throws ValueConversionException when a value cannot convert
	 */
	public String hashOfHubSpot(String recordId, Map<String, @Nullable String> properties) {
		String[] values = new String[this.fields.length];
		for (int i = 0; i < this.fields.length; i++) {
			CompiledField field = this.fields[i];
			values[i] = field.canonical(recordId, properties.get(field.property()));
		}
		return ValueHash.of(this.fields, values);
	}

	/**
	 * Tells whether a row change touches anything that flows to HubSpot: a mapped column
	 * or an association's foreign key.
	 * @param before the row before (null for creates)
	 * @param after the row after
	 * @return whether the change matters to HubSpot
	 */
	public boolean touchesHubSpot(@Nullable Row before, Row after) {
		if (before == null) {
			return true;
		}
		for (CompiledField field : this.fields) {
			if (field.direction().toHubSpot() && before.differs(after, field.column())) {
				return true;
			}
		}
		for (AssociationMapping association : this.config.associations()) {
			if (association.direction().toHubSpot() && before.differs(after, association.column())) {
				return true;
			}
		}
		String softDelete = this.config.softDeleteColumn();
		return softDelete != null && before.differs(after, softDelete);
	}

	/**
	 * Returns the field of a column.
	 * @param column the column
	 * @return the field, if mapped
	 */
	public Optional<CompiledField> byColumn(String column) {
		return Optional.ofNullable(this.byColumn.get(column));
	}

	/**
	 * Returns the field of a property.
	 * @param property the property
	 * @return the field, if mapped
	 */
	public Optional<CompiledField> byProperty(String property) {
		return Optional.ofNullable(this.byProperty.get(property));
	}

	/**
	 * Returns the field whose transform is {@code email}, the matching key.
	 * @return the email field, if any
	 */
	public Optional<CompiledField> emailField() {
		return Optional.ofNullable(this.emailField);
	}

	/**
	 * Returns the fields in mapping order.
	 * @return the fields
	 */
	public List<CompiledField> fields() {
		return List.of(this.fields);
	}

	/**
	 * Returns the mapped HubSpot properties, the ones a batch read asks for.
	 * @return the property names in mapping order
	 */
	public List<String> properties() {
		return this.properties;
	}

	/**
	 * Returns the object type.
	 * @return the object type id
	 */
	public String objectTypeId() {
		return this.config.objectTypeId();
	}

	/**
	 * Returns the version.
	 * @return the version
	 */
	public long version() {
		return this.config.version();
	}

	/**
	 * Returns the associations.
	 * @return the associations
	 */
	public List<AssociationMapping> associations() {
		return this.config.associations();
	}

	/**
	 * Returns the matching rules.
	 * @return the rules
	 */
	public MatchingSpec matching() {
		return this.config.matching();
	}

	/**
	 * Returns the mapping as data.
	 * @return the configuration
	 */
	public MappingConfig config() {
		return this.config;
	}

}
