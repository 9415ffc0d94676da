package dev.hubsync.emulator.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HubSpot's default properties, groups and owners, loaded from
 * {@code classpath:emulator/default-properties.json} so the data can be corrected without
 * code.
 *
 * @param properties object type to its default properties
 * @param groups object type to group name to label
 * @param owners the owners
 * @param requiredOnCreate object type to the properties every create must carry (tasks'
 * and notes' {@code hs_timestamp}, tickets' {@code subject} and stage)
 */
public record DefaultData(Map<String, List<PropertyDef>> properties, Map<String, Map<String, String>> groups,
		List<Owner> owners, Map<String, List<String>> requiredOnCreate) {

	/** Where the data lives. */
	public static final String RESOURCE = "/emulator/default-properties.json";

	private static final Instant EPOCH_OF_DEFAULTS = Instant.parse("2019-08-06T02:43:14.491Z");

	/**
	 * Loads the data.
	 * @param json the mapper
	 * @return the data
	 */
	public static DefaultData load(JsonMapper json) {
		JsonNode root;
		try (InputStream in = DefaultData.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("missing " + RESOURCE);
			}
			root = json.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, List<PropertyDef>> properties = new LinkedHashMap<>();
		Map<String, Map<String, String>> groups = new LinkedHashMap<>();
		Map<String, List<String>> required = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> type : root.get("objectTypes").properties()) {
			List<PropertyDef> defs = new ArrayList<>();
			for (JsonNode property : type.getValue().get("properties")) {
				defs.add(definition(property));
			}
			properties.put(type.getKey(), List.copyOf(defs));
			Map<String, String> byName = new LinkedHashMap<>();
			type.getValue()
				.get("groups")
				.forEach((group) -> byName.put(group.get("name").asString(), group.get("label").asString()));
			groups.put(type.getKey(), byName);
			List<String> names = new ArrayList<>();
			type.getValue().path("requiredOnCreate").forEach((name) -> names.add(name.asString()));
			required.put(type.getKey(), List.copyOf(names));
		}
		List<Owner> owners = new ArrayList<>();
		for (JsonNode owner : root.get("owners")) {
			owners.add(new Owner(owner.get("id").asString(), owner.get("email").asString(),
					owner.get("type").asString(), owner.get("firstName").asString(), owner.get("lastName").asString(),
					owner.get("userId").asLong(), owner.path("archived").asBoolean(false)));
		}
		return new DefaultData(properties, groups, List.copyOf(owners), required);
	}

	/**
	 * Returns the data with the options of some properties replaced (pipelines and
	 * stages, whose ids are the portal's).
	 * @param options object type to property to its options
	 * @return the data
	 */
	public DefaultData withOptions(Map<String, Map<String, List<PropertyDef.Option>>> options) {
		Map<String, List<PropertyDef>> replaced = new LinkedHashMap<>();
		this.properties.forEach((type, defs) -> {
			Map<String, List<PropertyDef.Option>> ofType = options.getOrDefault(type, Map.of());
			replaced.put(type, defs.stream().map((def) -> {
				List<PropertyDef.Option> given = ofType.get(def.name());
				return (given == null) ? def
						: new PropertyDef(def.name(), def.label(), def.type(), def.fieldType(), def.groupName(),
								def.description(), given, def.hasUniqueValue(), def.readOnlyValue(),
								def.hubspotDefined(), def.externalOptions(), def.referencedObjectType(), def.archived(),
								def.createdAt(), def.updatedAt());
			}).toList());
		});
		return new DefaultData(replaced, this.groups, this.owners, this.requiredOnCreate);
	}

	private static PropertyDef definition(JsonNode node) {
		List<PropertyDef.Option> options = new ArrayList<>();
		int order = 0;
		for (JsonNode option : node.path("options")) {
			options.add(new PropertyDef.Option(option.get("label").asString(), option.get("value").asString(), false,
					order++));
		}
		return new PropertyDef(node.get("name").asString(), node.get("label").asString(), node.get("type").asString(),
				node.get("fieldType").asString(), node.get("groupName").asString(), null, options,
				node.path("hasUniqueValue").asBoolean(false), node.path("readOnlyValue").asBoolean(false), true,
				node.path("externalOptions").asBoolean(false), text(node, "referencedObjectType"), false,
				EPOCH_OF_DEFAULTS, EPOCH_OF_DEFAULTS);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	/**
	 * An owner.
	 *
	 * @param id the owner id
	 * @param email the email
	 * @param type {@code PERSON} or {@code QUEUE}
	 * @param firstName the first name
	 * @param lastName the last name
	 * @param userId the user id
	 * @param archived whether deactivated
	 */
	public record Owner(String id, String email, String type, String firstName, String lastName, long userId,
			boolean archived) {
	}

}
