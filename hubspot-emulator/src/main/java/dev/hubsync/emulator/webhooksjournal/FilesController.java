package dev.hubsync.emulator.webhooksjournal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The storage host of entry files (fetched by pre-signed URL, no token: 403 when the
 * signature is wrong or expired, 404 when the entry aged out) and the journal's admin
 * view for tests ({@code GET|DELETE /_emulator/webhooks-journal}).
 */
@RestController
class FilesController {

	private final WebhooksJournal journal;

	private final JournalSubscriptions subscriptions;

	private final Snapshots snapshots;

	private final EntryFiles files;

	private final JournalFilters filters;

	FilesController(WebhooksJournal journal, JournalSubscriptions subscriptions, Snapshots snapshots, EntryFiles files,
			JournalFilters filters) {
		this.filters = filters;
		this.journal = journal;
		this.subscriptions = subscriptions;
		this.snapshots = snapshots;
		this.files = files;
	}

	@GetMapping(EntryFiles.PATH + "/{offset}")
	ResponseEntity<Object> file(@PathVariable String offset, @RequestParam long expires,
			@RequestParam String signature) {
		UUID id = JournalController.uuid(offset);
		if (!this.files.valid(id, expires, signature)) {
			return ResponseEntity.status(403).body("AccessDenied: Request has expired or the signature does not match");
		}
		return this.journal.find(id)
			.<ResponseEntity<Object>>map((entry) -> ResponseEntity.ok(this.files.file(entry)))
			.orElseGet(() -> ResponseEntity.status(404).body("NoSuchKey"));
	}

	@GetMapping("/_emulator/webhooks-journal")
	Map<String, Object> state() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("entries", this.journal.size());
		body.put("earliest", this.journal.earliest().map((e) -> e.offset().toString()).orElse(null));
		body.put("latest", this.journal.latest().map((e) -> e.offset().toString()).orElse(null));
		body.put("subscriptions", this.subscriptions.all().size());
		return body;
	}

	@DeleteMapping("/_emulator/webhooks-journal")
	ResponseEntity<Void> clear() {
		this.journal.clear();
		this.subscriptions.clear();
		this.snapshots.clear();
		this.filters.clear();
		return ResponseEntity.noContent().build();
	}

}
