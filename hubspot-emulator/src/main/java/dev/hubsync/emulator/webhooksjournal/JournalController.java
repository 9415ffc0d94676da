package dev.hubsync.emulator.webhooksjournal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.hubsync.emulator.EmulatorProperties;
import dev.hubsync.emulator.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The journal's read operations (reference §3.3) on the global and local variants, which
 * are the same here (one portal): earliest, latest, next after an offset, their batch
 * forms, batch read by offsets, and snapshot status.
 */
@RestController
@RequestMapping(JournalController.BASE)
class JournalController {

	static final String VERSION = "{version:2026-03|2026-09|2027-03-beta}";

	static final String BASE = "/webhooks-journal/{variant:journal|journal-local}/" + VERSION;

	private final WebhooksJournal journal;

	private final EntryFiles files;

	private final JournalAccess access;

	private final Snapshots snapshots;

	private final WebhooksJournalProperties properties;

	private final long portalId;

	JournalController(WebhooksJournal journal, EntryFiles files, JournalAccess access, Snapshots snapshots,
			WebhooksJournalProperties properties, EmulatorProperties emulator) {
		this.journal = journal;
		this.files = files;
		this.access = access;
		this.snapshots = snapshots;
		this.properties = properties;
		this.portalId = emulator.portalId();
	}

	@GetMapping("/earliest")
	ResponseEntity<Map<String, Object>> earliest(@RequestParam(required = false) @Nullable Long installPortalId,
			HttpServletRequest request) {
		this.access.require(request, JournalAccess.READ);
		return one(mine(installPortalId) ? this.journal.earliest() : Optional.empty());
	}

	@GetMapping("/latest")
	ResponseEntity<Map<String, Object>> latest(@RequestParam(required = false) @Nullable Long installPortalId,
			HttpServletRequest request) {
		this.access.require(request, JournalAccess.READ);
		return one(mine(installPortalId) ? this.journal.latest() : Optional.empty());
	}

	@GetMapping("/offset/{offset}/next")
	ResponseEntity<Map<String, Object>> next(@PathVariable String offset,
			@RequestParam(required = false) @Nullable Long installPortalId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.READ);
		UUID after = uuid(offset);
		List<JournalEntry> entries = after(after, 1);
		if (!entries.isEmpty() && mine(installPortalId)) {
			return ResponseEntity.ok(this.files.fetchResponse(entries.get(0), base()));
		}
		if (this.properties.caughtUp() == WebhooksJournalProperties.CaughtUp.NO_CONTENT) {
			return ResponseEntity.noContent().build();
		}
		return ResponseEntity.ok(Map.of("currentOffset", after.toString()));
	}

	@GetMapping("/batch/earliest/{count}")
	Map<String, Object> batchEarliest(@PathVariable int count,
			@RequestParam(required = false) @Nullable Long installPortalId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.READ);
		return batch(mine(installPortalId) ? this.journal.first(count(count)) : List.of(), List.of());
	}

	@GetMapping("/batch/latest/{count}")
	Map<String, Object> batchLatest(@PathVariable int count,
			@RequestParam(required = false) @Nullable Long installPortalId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.READ);
		return batch(mine(installPortalId) ? this.journal.last(count(count)) : List.of(), List.of());
	}

	@GetMapping("/batch/{offset}/next/{count}")
	Map<String, Object> batchNext(@PathVariable String offset, @PathVariable int count,
			@RequestParam(required = false) @Nullable Long installPortalId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.READ);
		List<JournalEntry> entries = after(uuid(offset), count(count));
		return batch(mine(installPortalId) ? entries : List.of(), List.of());
	}

	@PostMapping("/batch/read")
	ResponseEntity<Map<String, Object>> batchRead(@RequestBody BatchRead body,
			@RequestParam(required = false) @Nullable Long installPortalId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.READ);
		List<String> inputs = (body.inputs() != null) ? body.inputs() : List.of();
		if (inputs.size() > this.properties.maxCount()) {
			throw ApiException.validation("At most " + this.properties.maxCount() + " offsets may be read at once");
		}
		List<UUID> offsets = inputs.stream().map(JournalController::uuid).toList();
		List<JournalEntry> found = new ArrayList<>();
		List<Map<String, Object>> errors = new ArrayList<>();
		for (UUID offset : offsets) {
			Optional<JournalEntry> entry = mine(installPortalId) ? this.journal.find(offset) : Optional.empty();
			if (entry.isPresent()) {
				found.add(entry.get());
			}
			else {
				errors.add(Map.of("status", "error", "category", "OBJECT_NOT_FOUND", "message",
						"No journal entry for offset " + offset, "context",
						Map.of("offset", List.of(offset.toString()))));
			}
		}
		return ResponseEntity.status(errors.isEmpty() ? 200 : 207).body(batch(found, errors));
	}

	@GetMapping("/status/{statusId}")
	Map<String, Object> status(@PathVariable String statusId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.SNAPSHOTS_READ);
		return this.snapshots.status(statusId);
	}

	private List<JournalEntry> after(UUID offset, int count) {
		try {
			return this.journal.after(offset, count);
		}
		catch (WebhooksJournal.UnknownOffsetException ex) {
			throw ApiException.notFound(ex.getMessage());
		}
	}

	private boolean mine(@Nullable Long installPortalId) {
		return installPortalId == null || installPortalId == this.portalId;
	}

	private ResponseEntity<Map<String, Object>> one(Optional<JournalEntry> entry) {
		return entry.map((e) -> ResponseEntity.ok(this.files.fetchResponse(e, base())))
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	private Map<String, Object> batch(List<JournalEntry> entries, List<Map<String, Object>> errors) {
		String base = base();
		String now = Instant.now().toString();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "COMPLETE");
		body.put("results", entries.stream().map((entry) -> this.files.fetchResponse(entry, base)).toList());
		if (!errors.isEmpty()) {
			body.put("numErrors", errors.size());
			body.put("errors", errors);
		}
		body.put("requestedAt", now);
		body.put("startedAt", now);
		body.put("completedAt", now);
		body.put("links", Map.of());
		return body;
	}

	private int count(int count) {
		if (count < 1 || count > this.properties.maxCount()) {
			throw ApiException.validation("count must be between 1 and " + this.properties.maxCount());
		}
		return count;
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}

	static UUID uuid(String offset) {
		try {
			return UUID.fromString(offset);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("Invalid offset '" + offset + "': offsets are UUIDs");
		}
	}

	/**
	 * {@code POST /batch/read}'s body.
	 *
	 * @param inputs offsets
	 */
	record BatchRead(@Nullable List<String> inputs) {
	}

}
