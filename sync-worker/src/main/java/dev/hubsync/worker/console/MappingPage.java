package dev.hubsync.worker.console;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.hubsync.adminauth.ApiKeyFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The mappings, through the mapping service's admin API: the current version per object
 * type; one edited as YAML, checked by the service's validation (errors and warnings, the
 * column warnings included, shown beside the text), diffed against the previous version
 * and against the version in force, with the service's suggestions for unmapped columns;
 * published with the version edited as {@code If-Match}, so an edit made on an older
 * version is refused.
 */
@Controller
class MappingPage {

	/** Set by the service on every save; not edited. */
	private static final List<String> STAMPS = List.of("version", "updatedAt", "updatedBy");

	private final MappingServiceClient service;

	private final YAMLMapper yaml = YAMLMapper.builder()
		.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.build();

	MappingPage(MappingServiceClient service) {
		this.service = service;
	}

	/**
	 * One problem the mapping service found.
	 *
	 * @param severity error or warning
	 * @param path where
	 * @param message what
	 */
	record Problem(String severity, String path, String message) {
	}

	@GetMapping("/console/mappings")
	String list(Model model) {
		MappingServiceClient.Answer answer = this.service.list();
		if (!answer.ok()) {
			model.addAttribute("problem", answer.message());
			model.addAttribute("mappings", List.of());
		}
		else {
			List<Map<String, Object>> mappings = new ArrayList<>();
			for (JsonNode summary : answer.body()) {
				mappings.add(Map.of("objectType", summary.path("objectType").asString(""), "version",
						summary.path("version").asLong(), "platformTable", summary.path("platformTable").asString(""),
						"fields", summary.path("fields").asInt(), "updatedBy", summary.path("updatedBy").asString("—"),
						"publishedAt", summary.path("publishedAt").asString("not yet")));
			}
			model.addAttribute("mappings", mappings);
		}
		model.addAttribute("service", this.service.base());
		return "console/mappings";
	}

	@GetMapping("/console/mappings/{objectType}")
	String edit(@PathVariable String objectType, Model model) {
		MappingServiceClient.Answer current = this.service.latest(objectType);
		if (!current.ok()) {
			model.addAttribute("problem", current.message());
			return "console/mapping";
		}
		String text = toYaml(current.body());
		model.addAttribute("yaml", text);
		fill(model, objectType, current.body(), text);
		return "console/mapping";
	}

	@PostMapping("/console/mappings/{objectType}")
	String check(@PathVariable String objectType, @RequestParam String yaml, @RequestParam long editedVersion,
			@RequestParam(defaultValue = "validate") String action, Model model, RedirectAttributes flash,
			HttpServletRequest request) {
		model.addAttribute("yaml", yaml);
		MappingServiceClient.Answer current = this.service.latest(objectType);
		if (!current.ok()) {
			model.addAttribute("problem", current.message());
			return "console/mapping";
		}
		fill(model, objectType, current.body(), yaml);
		model.addAttribute("editedVersion", editedVersion);
		JsonNode draft;
		try {
			draft = this.yaml.readTree(yaml);
		}
		catch (JacksonException ex) {
			model.addAttribute("problems",
					List.of(new Problem("ERROR", "YAML", ex.getOriginalMessage() + location(ex))));
			return "console/mapping";
		}
		if (!(draft instanceof ObjectNode)) {
			model.addAttribute("problems", List.of(new Problem("ERROR", "YAML", "the text is not a mapping")));
			return "console/mapping";
		}
		if (action.equals("publish")) {
			MappingServiceClient.Answer saved = this.service.publish(objectType, draft, editedVersion,
					Objects.requireNonNullElse(ConsoleSession.caller(request), ApiKeyFilter.UNKNOWN));
			if (saved.ok()) {
				List<Problem> warnings = problems(saved.body().path("warnings"));
				flash.addFlashAttribute("message",
						"Version " + saved.body().path("version").asLong() + " of " + objectType
								+ (saved.body().path("published").asBoolean() ? " saved and published"
										: " saved; it is published as soon as Kafka takes it")
								+ (warnings.isEmpty() ? "" : " (" + warnings.size() + " warning(s): "
										+ String.join("; ", warnings.stream().map(Problem::message).toList()) + ")"));
				return "redirect:/console/mappings/" + objectType;
			}
			model.addAttribute("problem", (saved.status() == 409)
					? saved.message() + " Reload the page to edit the version in force." : saved.message());
			model.addAttribute("problems", problems(saved.body().path("problems")));
			return "console/mapping";
		}
		MappingServiceClient.Answer validation = this.service.validate(objectType, draft);
		if (validation.ok()) {
			List<Problem> problems = problems(validation.body().path("problems"));
			model.addAttribute("problems", problems);
			model.addAttribute("valid", validation.body().path("valid").asBoolean());
		}
		else {
			model.addAttribute("problem", validation.message());
			model.addAttribute("problems", problems(validation.body().path("problems")));
		}
		return "console/mapping";
	}

	private void fill(Model model, String objectType, JsonNode current, String edited) {
		long version = current.path("version").asLong();
		String currentText = toYaml(current);
		model.addAttribute("objectType", objectType);
		model.addAttribute("version", version);
		model.addAttribute("updatedBy", current.path("updatedBy").asString("—"));
		model.addAttribute("updatedAt", current.path("updatedAt").asString(""));
		if (!model.containsAttribute("editedVersion")) {
			model.addAttribute("editedVersion", version);
		}
		if (version > 1) {
			MappingServiceClient.Answer previous = this.service.version(objectType, version - 1);
			if (previous.ok()) {
				model.addAttribute("previousDiff", LineDiff.of(toYaml(previous.body()), currentText));
			}
		}
		List<LineDiff.Line> draftDiff = LineDiff.of(currentText, edited.replace("\r\n", "\n"));
		model.addAttribute("draftDiff", LineDiff.changed(draftDiff) ? draftDiff : null);
		MappingServiceClient.Answer suggestions = this.service.suggestions(objectType);
		List<Map<String, String>> suggested = new ArrayList<>();
		if (suggestions.ok()) {
			for (JsonNode suggestion : suggestions.body()) {
				JsonNode transform = suggestion.path("transform");
				suggested.add(Map.of("column", suggestion.path("column").asString(""), "property",
						suggestion.path("property").asString(""), "score",
						String.format("%.2f", suggestion.path("score").asDouble()), "transform",
						transform.isMissingNode() || transform.isNull() ? "—"
								: transform.path("type").asString(transform.toString()),
						"refusal", suggestion.path("refusal").asString("")));
			}
		}
		model.addAttribute("suggestions", suggested);
	}

	private String toYaml(JsonNode mapping) {
		JsonNode copy = mapping.deepCopy();
		if (copy instanceof ObjectNode object) {
			STAMPS.forEach(object::remove);
			removeNulls(object);
		}
		return this.yaml.writeValueAsString(copy).replace("\r\n", "\n");
	}

	private static void removeNulls(JsonNode node) {
		if (node instanceof ObjectNode object) {
			Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
			while (fields.hasNext()) {
				Map.Entry<String, JsonNode> field = fields.next();
				if (field.getValue().isNull()) {
					fields.remove();
				}
				else {
					removeNulls(field.getValue());
				}
			}
		}
		else if (node.isArray()) {
			node.forEach(MappingPage::removeNulls);
		}
	}

	private static List<Problem> problems(@Nullable JsonNode problems) {
		List<Problem> found = new ArrayList<>();
		if (problems != null) {
			for (JsonNode problem : problems) {
				found.add(new Problem(problem.path("severity").asString("ERROR"), problem.path("path").asString(""),
						problem.path("message").asString("")));
			}
		}
		return found;
	}

	private static String location(JacksonException ex) {
		return (ex.getLocation() != null && ex.getLocation().getLineNr() > 0)
				? " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")" : "";
	}

}
