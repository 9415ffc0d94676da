package dev.hubsync.emulator.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's pipelines by object type id, loaded from
 * {@code classpath:emulator/default-pipelines.json}.
 */
public final class Pipelines {

	/** Where the data lives. */
	public static final String RESOURCE = "/emulator/default-pipelines.json";

	private final Map<String, List<Pipeline>> byType;

	private Pipelines(Map<String, List<Pipeline>> byType) {
		this.byType = byType;
	}

	/**
	 * Loads the data.
	 * @param json the mapper
	 * @return the pipelines
	 */
	public static Pipelines load(JsonMapper json) {
		JsonNode root;
		try (InputStream in = Pipelines.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("missing " + RESOURCE);
			}
			root = json.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, List<Pipeline>> byType = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> type : root.get("pipelines").properties()) {
			List<Pipeline> pipelines = new ArrayList<>();
			int order = 0;
			for (JsonNode pipeline : type.getValue()) {
				List<Stage> stages = new ArrayList<>();
				int position = 0;
				for (JsonNode stage : pipeline.get("stages")) {
					Map<String, String> metadata = new LinkedHashMap<>();
					stage.path("metadata")
						.properties()
						.forEach((e) -> metadata.put(e.getKey(), e.getValue().asString()));
					stages.add(new Stage(stage.get("id").asString(), stage.get("label").asString(), position++,
							Map.copyOf(metadata)));
				}
				pipelines.add(new Pipeline(pipeline.get("id").asString(), pipeline.get("label").asString(), order++,
						List.copyOf(stages)));
			}
			byType.put(type.getKey(), List.copyOf(pipelines));
		}
		return new Pipelines(Map.copyOf(byType));
	}

	/**
	 * Returns an object type's pipelines.
	 * @param objectTypeId the type
	 * @return the pipelines; none for a type without pipelines
	 */
	public List<Pipeline> of(String objectTypeId) {
		return this.byType.getOrDefault(objectTypeId, List.of());
	}

	/**
	 * A pipeline.
	 *
	 * @param id the id
	 * @param label the label
	 * @param displayOrder its place
	 * @param stages the stages
	 */
	public record Pipeline(String id, String label, int displayOrder, List<Stage> stages) {
	}

	/**
	 * A stage.
	 *
	 * @param id the id
	 * @param label the label
	 * @param displayOrder its place
	 * @param metadata {@code ticketState}, {@code probability}, …
	 */
	public record Stage(String id, String label, int displayOrder, Map<String, String> metadata) {
	}

}
