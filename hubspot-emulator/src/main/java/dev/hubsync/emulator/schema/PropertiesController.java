package dev.hubsync.emulator.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.web.ApiVersions;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The properties API ({@code /crm/v3/properties/{type}}, dated
 * {@code /crm/properties/2026-09/{type}}).
 */
@RestController
@RequestMapping({ "/crm/v3/properties/{type}", ApiVersions.PROPERTIES + "/{type}" })
class PropertiesController {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

	private static final Map<String, Set<String>> FIELD_TYPES = Map.of("string",
			Set.of("text", "textarea", "html", "phonenumber", "file", "calculation_equation"), "number",
			Set.of("number", "calculation_equation"), "bool", Set.of("booleancheckbox", "calculation_equation"),
			"enumeration", Set.of("select", "radio", "checkbox", "booleancheckbox", "calculation_equation"), "date",
			Set.of("date"), "datetime", Set.of("date"), "phone_number", Set.of("phonenumber", "text"));

	private final PropertySchema schema;

	PropertiesController(PropertySchema schema) {
		this.schema = schema;
	}

	@GetMapping
	Map<String, Object> list(@PathVariable String type) {
		return Map.of("results", this.schema.list(objectType(type)).stream().map(PropertyDef::toJson).toList());
	}

	@GetMapping("/{name}")
	Map<String, Object> get(@PathVariable String type, @PathVariable String name) {
		return this.schema.get(objectType(type), name)
			.map(PropertyDef::toJson)
			.orElseThrow(() -> ApiException.notFound("Unable to find property " + name));
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> create(@PathVariable String type, @RequestBody Create body) {
		String objectTypeId = objectType(type);
		List<String> missing = new ArrayList<>();
		if (body.name() == null) {
			missing.add("name");
		}
		if (body.label() == null) {
			missing.add("label");
		}
		if (body.type() == null) {
			missing.add("type");
		}
		if (body.fieldType() == null) {
			missing.add("fieldType");
		}
		if (body.groupName() == null) {
			missing.add("groupName");
		}
		if (!missing.isEmpty()) {
			throw ApiException.validation("Missing required fields: " + missing);
		}
		if (!NAME.matcher(body.name()).matches()) {
			throw ApiException.validation("Invalid property name '" + body.name() + "': use lower-case letters, digits "
					+ "and underscores, starting with a letter");
		}
		Set<String> fieldTypes = FIELD_TYPES.get(body.type());
		if (fieldTypes == null || !fieldTypes.contains(body.fieldType())) {
			throw ApiException.validation("fieldType " + body.fieldType() + " is not valid for type " + body.type());
		}
		if ("enumeration".equals(body.type()) && (body.options() == null || body.options().isEmpty())) {
			throw ApiException.validation("Enumeration properties need options");
		}
		if (!this.schema.groups(objectTypeId).containsKey(body.groupName())) {
			throw ApiException.validation("Property group " + body.groupName() + " does not exist");
		}
		if (this.schema.get(objectTypeId, body.name()).isPresent()) {
			throw ApiException.conflict("A property named '" + body.name() + "' already exists.");
		}
		if (Boolean.TRUE.equals(body.hasUniqueValue()) && this.schema.uniqueProperties(objectTypeId).size() >= 10) {
			throw ApiException.validation("At most 10 unique properties per object type");
		}
		List<PropertyDef.Option> options = new ArrayList<>();
		if (body.options() != null) {
			int order = 0;
			for (Option option : body.options()) {
				options.add(new PropertyDef.Option(option.label(), option.value(), option.hidden(), order++));
			}
		}
		Instant now = this.schema.clock().instant();
		PropertyDef def = new PropertyDef(body.name(), body.label(), body.type(), body.fieldType(), body.groupName(),
				body.description(), options, Boolean.TRUE.equals(body.hasUniqueValue()), false, false, false, null,
				false, now, now);
		this.schema.put(objectTypeId, def, true);
		return ResponseEntity.status(HttpStatus.CREATED).body(def.toJson());
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> archive(@PathVariable String type, @PathVariable String name) {
		String objectTypeId = objectType(type);
		this.schema.get(objectTypeId, name).ifPresent((def) -> {
			if (def.hubspotDefined()) {
				throw ApiException.validation("HubSpot-defined property " + name + " cannot be archived");
			}
			this.schema.put(objectTypeId, def.archive(this.schema.clock().instant()), true);
		});
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/groups")
	Map<String, Object> groups(@PathVariable String type) {
		List<Map<String, Object>> groups = new ArrayList<>();
		int order = 0;
		for (Map.Entry<String, String> group : this.schema.groups(objectType(type)).entrySet()) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("name", group.getKey());
			json.put("label", group.getValue());
			json.put("displayOrder", order++);
			json.put("archived", false);
			groups.add(json);
		}
		return Map.of("results", groups);
	}

	@PostMapping("/groups")
	ResponseEntity<Map<String, Object>> createGroup(@PathVariable String type, @RequestBody Group body) {
		String objectTypeId = objectType(type);
		if (body.name() == null || body.label() == null) {
			throw ApiException.validation("A property group needs 'name' and 'label'");
		}
		if (this.schema.groups(objectTypeId).containsKey(body.name())) {
			throw ApiException.conflict("A property group named '" + body.name() + "' already exists.");
		}
		this.schema.putGroup(objectTypeId, body.name(), body.label(), true);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("name", body.name(), "label", body.label(), "displayOrder", -1, "archived", false));
	}

	private String objectType(String segment) {
		return this.schema.objectType(segment);
	}

	record Create(@Nullable String name, @Nullable String label, @Nullable String type, @Nullable String fieldType,
			@Nullable String groupName, @Nullable String description, @Nullable List<Option> options,
			@Nullable Boolean hasUniqueValue) {
	}

	record Option(String label, String value, boolean hidden) {
	}

	record Group(@Nullable String name, @Nullable String label) {
	}

}
