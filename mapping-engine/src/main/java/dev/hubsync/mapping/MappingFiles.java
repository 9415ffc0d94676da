package dev.hubsync.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.EventJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Mappings as code: a YAML file with a {@code mappings} list, each entry a
 * {@link MappingConfig} in its JSON field names, with conveniences for people writing it:
 * object types by name ({@code contacts}) as well as id, a transform given by its name
 * alone ({@code transform: email}), no {@code version} or {@code updatedAt} (the store
 * assigns them).
 *
 * <pre>
 * mappings:
 *   - objectTypeId: contacts
 *     platformTable: leads
 *     keyColumn: id
 *     changeTimeColumn: updated_at
 *     fields:
 *       - { column: email, property: email, transform: email }
 * </pre>
 */
public final class MappingFiles {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private MappingFiles() {
	}

	/**
	 * Reads a mapping file.
	 * @param yaml the file's content
	 * @param source the file's name, for messages
	 * @param at the time stamped on the mappings
	 * @return the mappings, version 1, made by {@code file}
	 * @throws IOException when it cannot be read
	 * @throws MappingException naming the entry and what is wrong with it
	 */
	public static List<MappingConfig> read(InputStream yaml, String source, Instant at) throws IOException {
		JsonNode root;
		try {
			root = YAML.readTree(yaml);
		}
		catch (JacksonException ex) {
			throw new MappingException(source,
					List.of(MappingProblem.error(source, "not YAML: " + ex.getOriginalMessage())));
		}
		JsonNode entries = (root != null) ? root.get("mappings") : null;
		if (entries == null || !entries.isArray()) {
			throw new MappingException(source, List.of(MappingProblem.error(source, "needs a 'mappings' list")));
		}
		List<MappingConfig> mappings = new ArrayList<>();
		Set<String> types = new HashSet<>();
		for (int i = 0; i < entries.size(); i++) {
			String path = source + ": mappings[" + i + "]";
			JsonNode entry = entries.get(i);
			if (!(entry instanceof ObjectNode object)) {
				throw new MappingException(source, List.of(MappingProblem.error(path, "is not a mapping")));
			}
			MappingConfig config = entry(object, path, at);
			if (!types.add(config.objectTypeId())) {
				throw new MappingException(source, List
					.of(MappingProblem.error(path, "object type " + config.objectTypeId() + " is mapped twice")));
			}
			mappings.add(config);
		}
		return mappings;
	}

	/**
	 * Reads one mapping given as a tree (a file entry, an API request body), with the
	 * same conveniences as a file. The version is a placeholder (1) for the store to
	 * replace.
	 * @param tree the mapping
	 * @param source where it came from, for messages
	 * @param at the time stamped on it
	 * @param by who made it
	 * @return the mapping
	 * @throws MappingException naming what is wrong
	 */
	public static MappingConfig draft(JsonNode tree, String source, Instant at, String by) {
		if (!(tree instanceof ObjectNode object)) {
			throw new MappingException(source,
					List.of(MappingProblem.error(source, "is not a mapping (a JSON object)")));
		}
		return entry(object.deepCopy(), source, at, by);
	}

	private static MappingConfig entry(ObjectNode entry, String path, Instant at) {
		return entry(entry, path, at, "file");
	}

	private static MappingConfig entry(ObjectNode entry, String path, Instant at, String by) {
		entry.put("objectTypeId", objectType(entry.path("objectTypeId").asString(""), path));
		entry.put("version", 1);
		entry.put("updatedAt", at.toString());
		entry.put("updatedBy", by);
		for (JsonNode field : entry.path("fields")) {
			if (field instanceof ObjectNode object) {
				JsonNode transform = object.get("transform");
				if (transform != null && transform.isString()) {
					object.putObject("transform").put("type", transform.asString());
				}
				else if (transform instanceof ObjectNode spec) {
					textValues(spec, "options");
					textValues(spec, "values");
				}
			}
		}
		for (JsonNode association : entry.path("associations")) {
			if (association instanceof ObjectNode object && object.has("toObjectTypeId")) {
				object.put("toObjectTypeId", objectType(object.get("toObjectTypeId").asString(), path));
			}
		}
		textValues(entry, "constants");
		try {
			return EventJson.mapper().treeToValue(entry, MappingConfig.class);
		}
		catch (JacksonException ex) {
			Throwable cause = ex;
			while (cause != null && !(cause instanceof EventFormatException)) {
				cause = cause.getCause();
			}
			String message = (cause != null) ? cause.getMessage() : ex.getOriginalMessage();
			throw new MappingException(path, List.of(MappingProblem.error(path, message)));
		}
	}

	private static void textValues(ObjectNode parent, String name) {
		if (parent.get(name) instanceof ObjectNode map) {
			for (Map.Entry<String, JsonNode> entry : map.properties()) {
				if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
					entry.setValue(StringNode.valueOf(entry.getValue().asString()));
				}
			}
		}
	}

	private static String objectType(String value, String path) {
		if (ObjectTypes.isObjectTypeId(value)) {
			return value;
		}
		return ObjectTypes.byPathSegment(value)
			.orElseThrow(() -> new MappingException(path, List.of(MappingProblem.error(path,
					"'" + value + "' is not an object type (contacts, companies, deals or an id such as 0-1)"))));
	}

}
