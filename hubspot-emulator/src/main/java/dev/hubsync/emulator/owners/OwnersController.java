package dev.hubsync.emulator.owners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.schema.DefaultData;
import dev.hubsync.emulator.web.ApiVersions;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /crm/v3/owners} (with and without the trailing slash HubSpot's Node client
 * sends) and {@code GET /crm/v3/owners/{id}}, and their dated twins
 * ({@code /crm/owners/2026-09}): paged by an opaque {@code after} cursor, active owners
 * unless {@code archived=true}, filtered by {@code email}; one owner by {@code id} or
 * {@code userId} ({@code idProperty}).
 */
@RestController
class OwnersController {

	/** HubSpot's largest owners page. */
	private static final int MAX_LIMIT = 500;

	private final Owners owners;

	OwnersController(Owners owners) {
		this.owners = owners;
	}

	@GetMapping({ "/crm/v3/owners", "/crm/v3/owners/", ApiVersions.OWNERS, ApiVersions.OWNERS + "/" })
	Map<String, Object> list(@RequestParam(defaultValue = "100") int limit,
			@RequestParam(required = false) @Nullable String after,
			@RequestParam(required = false) @Nullable String email,
			@RequestParam(defaultValue = "false") boolean archived) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ApiException.validation("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
		}
		int start = offset(after);
		List<DefaultData.Owner> matching = this.owners.all()
			.stream()
			.filter((owner) -> owner.archived() == archived)
			.filter((owner) -> email == null || owner.email().equalsIgnoreCase(email))
			.toList();
		List<Map<String, Object>> results = new ArrayList<>();
		for (int i = start; i < Math.min(matching.size(), start + limit); i++) {
			results.add(render(matching.get(i)));
		}
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("results", results);
		if (start + limit < matching.size()) {
			page.put("paging", Map.of("next", Map.of("after", String.valueOf(start + limit))));
		}
		return page;
	}

	@GetMapping({ "/crm/v3/owners/{id}", ApiVersions.OWNERS + "/{id}" })
	Map<String, Object> get(@PathVariable String id, @RequestParam(defaultValue = "id") String idProperty,
			@RequestParam(defaultValue = "false") boolean archived) {
		return this.owners.all()
			.stream()
			.filter((owner) -> owner.archived() == archived)
			.filter((owner) -> "userId".equals(idProperty) ? String.valueOf(owner.userId()).equals(id)
					: owner.id().equals(id))
			.findFirst()
			.map(OwnersController::render)
			.orElseThrow(() -> ApiException.notFound("Owner " + id + " not found"));
	}

	private static int offset(@Nullable String after) {
		if (after == null || after.isEmpty()) {
			return 0;
		}
		try {
			return Math.max(0, Integer.parseInt(after));
		}
		catch (NumberFormatException ex) {
			throw ApiException.validation("after '" + after + "' is not a paging cursor this API gave");
		}
	}

	private static Map<String, Object> render(DefaultData.Owner owner) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", owner.id());
		json.put("email", owner.email());
		json.put("type", owner.type());
		json.put("firstName", owner.firstName());
		json.put("lastName", owner.lastName());
		json.put("userId", owner.userId());
		json.put("userIdIncludingInactive", owner.userId());
		json.put("createdAt", "2019-12-25T13:01:35.228Z");
		json.put("updatedAt", "2023-08-22T13:40:26.790Z");
		json.put("archived", owner.archived());
		json.put("teams", List.of());
		return json;
	}

}
