package dev.hubsync.emulator.customobjects;

import java.util.Map;

import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.schema.PropertySchema;
import dev.hubsync.emulator.web.ApiVersions;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET/POST /crm/v3/schemas} and {@code GET /crm/v3/schemas/{objectType}} (by
 * object type id, fully qualified name or name), and the dated twins
 * ({@code /crm-object-schemas/2026-03/schemas}).
 */
@RestController
class SchemasController {

	private static final String LEGACY = "/crm/v3/schemas";

	private final CustomObjects objects;

	private final PropertySchema properties;

	SchemasController(CustomObjects objects, PropertySchema properties) {
		this.objects = objects;
		this.properties = properties;
	}

	@GetMapping({ LEGACY, ApiVersions.SCHEMAS })
	Map<String, Object> list() {
		return Map.of("results", this.objects.all().stream().map(this::render).toList());
	}

	@PostMapping({ LEGACY, ApiVersions.SCHEMAS })
	ResponseEntity<Map<String, Object>> create(@RequestBody SchemaRequest body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(render(this.objects.create(body)));
	}

	@GetMapping({ LEGACY + "/{objectType}", ApiVersions.SCHEMAS + "/{objectType}" })
	Map<String, Object> get(@PathVariable String objectType) {
		return this.objects.find(objectType)
			.map(this::render)
			.orElseThrow(() -> ApiException.notFound("Unable to find object type " + objectType));
	}

	private Map<String, Object> render(CustomObjects.Schema schema) {
		return schema.toJson(this.properties.list(schema.objectTypeId()));
	}

}
