package dev.hubsync.emulator.crm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.emulator.error.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * The portal's required-property rules (reference {@code hubspot-2026.md} §2), which
 * HubSpot enforces on API writes from version 2026-09: properties required on the
 * <em>Create Record</em> form, and conditional-required properties (required while a
 * controlling property holds a value). Set through the admin API; cleared on reset.
 */
public final class WriteRules {

	private final Map<String, List<String>> requiredOnCreate = new ConcurrentHashMap<>();

	private final Map<String, List<Conditional>> conditionalRequired = new ConcurrentHashMap<>();

	/**
	 * Replaces the properties a type's creations must carry.
	 * @param objectTypeId the type
	 * @param properties the property names (empty: none)
	 */
	public void requireOnCreate(String objectTypeId, List<String> properties) {
		if (properties.isEmpty()) {
			this.requiredOnCreate.remove(objectTypeId);
		}
		else {
			this.requiredOnCreate.put(objectTypeId, List.copyOf(properties));
		}
	}

	/**
	 * Replaces a type's conditional-required rules.
	 * @param objectTypeId the type
	 * @param rules the rules (empty: none)
	 */
	public void requireConditionally(String objectTypeId, List<Conditional> rules) {
		if (rules.isEmpty()) {
			this.conditionalRequired.remove(objectTypeId);
		}
		else {
			this.conditionalRequired.put(objectTypeId, List.copyOf(rules));
		}
	}

	/**
	 * Returns the properties a type's creations must carry.
	 * @param objectTypeId the type
	 * @return the property names
	 */
	public List<String> requiredOnCreate(String objectTypeId) {
		return this.requiredOnCreate.getOrDefault(objectTypeId, List.of());
	}

	/**
	 * Returns a type's conditional-required rules.
	 * @param objectTypeId the type
	 * @return the rules
	 */
	public List<Conditional> conditionalRequired(String objectTypeId) {
		return this.conditionalRequired.getOrDefault(objectTypeId, List.of());
	}

	/** Forgets every rule. */
	public void clear() {
		this.requiredOnCreate.clear();
		this.conditionalRequired.clear();
	}

	/**
	 * Checks a record as a write would leave it.
	 * @param objectTypeId the type
	 * @param result the record's values after the write
	 * @param creating whether the write creates the record
	 * @throws ApiException 400 {@code VALIDATION_ERROR} naming every missing property
	 */
	void check(String objectTypeId, Map<String, String> result, boolean creating) {
		List<Map<String, Object>> errors = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		if (creating) {
			for (String name : requiredOnCreate(objectTypeId)) {
				if (blank(result.get(name)) && !missing.contains(name)) {
					missing.add(name);
					errors.add(error("MISSING_REQUIRED_PROPERTY", "A value for " + name + " must be provided", name));
				}
			}
		}
		for (Conditional rule : conditionalRequired(objectTypeId)) {
			if (rule.value().equals(result.get(rule.controlling())) && blank(result.get(rule.required()))
					&& !missing.contains(rule.required())) {
				missing.add(rule.required());
				errors.add(error("MISSING_CONDITIONAL_REQUIRED_PROPERTY", rule.required()
						+ " is required because of a conditional property rule based on [" + rule.controlling() + "]",
						rule.required()));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.validation("The property values provided are invalid")
				.with("errors", errors)
				.with("context", Map.of("propertyName", missing));
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isEmpty();
	}

	private static Map<String, Object> error(String code, String message, String property) {
		return Map.of("code", code, "message", message, "context", Map.of("propertyName", List.of(property)));
	}

	/**
	 * A conditional-required rule: while {@code controlling} holds {@code value},
	 * {@code required} must have a value.
	 *
	 * @param controlling the controlling property
	 * @param value the value that triggers the rule
	 * @param required the property then required
	 */
	public record Conditional(String controlling, String value, String required) {
	}

}
