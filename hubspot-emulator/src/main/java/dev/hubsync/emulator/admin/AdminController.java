package dev.hubsync.emulator.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.caller.Revocations;
import dev.hubsync.emulator.associations.AssociationStore;
import dev.hubsync.emulator.caller.Caller;
import dev.hubsync.emulator.crm.CrmStore;
import dev.hubsync.emulator.crm.ObjectViews;
import dev.hubsync.emulator.crm.ObjectWriter;
import dev.hubsync.emulator.crm.StoredObject;
import dev.hubsync.emulator.crm.Write;
import dev.hubsync.emulator.crm.WriteOutcome;
import dev.hubsync.emulator.crm.WriteRules;
import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.faults.Faults;
import dev.hubsync.emulator.owners.Owners;
import dev.hubsync.emulator.ratelimit.RateLimiter;
import dev.hubsync.emulator.requestlog.RequestLog;
import dev.hubsync.emulator.schema.PropertySchema;
import dev.hubsync.emulator.schema.ValueValidator;
import dev.hubsync.emulator.storage.Journal;
import dev.hubsync.emulator.webhooks.Delivery;
import dev.hubsync.emulator.webhooks.Subscriptions;
import dev.hubsync.emulator.webhooks.WebhookDispatcher;
import dev.hubsync.emulator.webhooks.WebhookSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /_emulator/*}. */
@RestController
@RequestMapping("/_emulator")
class AdminController {

	private final CrmStore store;

	private final ObjectWriter writer;

	private final ObjectViews views;

	private final AssociationStore associations;

	private final PropertySchema schema;

	private final RequestLog requests;

	private final WebhookSettings webhooks;

	private final WebhookDispatcher dispatcher;

	private final Faults faults;

	private final RateLimiter limiter;

	private final Journal journal;

	private final Revocations revocations;

	private final WriteRules writeRules;

	private final Owners owners;

	AdminController(CrmStore store, ObjectWriter writer, ObjectViews views, AssociationStore associations,
			PropertySchema schema, RequestLog requests, WebhookSettings webhooks, WebhookDispatcher dispatcher,
			Faults faults, RateLimiter limiter, Journal journal, Revocations revocations, WriteRules writeRules,
			Owners owners) {
		this.owners = owners;
		this.revocations = revocations;
		this.writeRules = writeRules;
		this.store = store;
		this.writer = writer;
		this.views = views;
		this.associations = associations;
		this.schema = schema;
		this.requests = requests;
		this.webhooks = webhooks;
		this.dispatcher = dispatcher;
		this.faults = faults;
		this.limiter = limiter;
		this.journal = journal;
	}

	@PostMapping("/reset")
	Map<String, Object> reset() {
		this.store.reset();
		this.associations.reset();
		this.schema.reset();
		this.dispatcher.reset();
		this.requests.clear();
		this.faults.clear();
		this.webhooks.set(this.webhooks.current().withFaults(WebhookSettings.DeliveryFaults.NONE));
		this.limiter.reset();
		this.journal.rewrite(List.of());
		this.revocations.clear();
		this.writeRules.clear();
		this.owners.reset();
		return Map.of("reset", true);
	}

	/**
	 * Sets a type's required-property rules, which 2026-09+ writes obey (reference §2):
	 * {@code {"requiredOnCreate":["firstname"],
	 * "conditionalRequired":[{"controlling":"dealstage","value":"closedwon","required":"closedate"}]}};
	 * an absent list leaves that rule kind as it was, an empty one clears it.
	 */
	@PutMapping("/write-rules/{type}")
	Map<String, Object> writeRules(@PathVariable String type, @RequestBody WriteRuleUpdate update) {
		String objectTypeId = this.store.objectType(type);
		if (update.requiredOnCreate() != null) {
			this.writeRules.requireOnCreate(objectTypeId, update.requiredOnCreate());
		}
		if (update.conditionalRequired() != null) {
			this.writeRules.requireConditionally(objectTypeId, update.conditionalRequired());
		}
		return writeRules(objectTypeId);
	}

	@GetMapping("/write-rules/{type}")
	Map<String, Object> getWriteRules(@PathVariable String type) {
		return writeRules(this.store.objectType(type));
	}

	@DeleteMapping("/write-rules")
	ResponseEntity<Void> clearWriteRules() {
		this.writeRules.clear();
		return ResponseEntity.noContent().build();
	}

	private Map<String, Object> writeRules(String objectTypeId) {
		return Map.of("objectTypeId", objectTypeId, "requiredOnCreate", this.writeRules.requiredOnCreate(objectTypeId),
				"conditionalRequired", this.writeRules.conditionalRequired(objectTypeId));
	}

	@GetMapping("/requests")
	Map<String, Object> requests(@RequestParam(required = false) @Nullable String method,
			@RequestParam(required = false) @Nullable String path, @RequestParam(required = false) @Nullable Long after,
			@RequestParam(required = false) @Nullable String caller) {
		List<RequestLog.Entry> found = this.requests
			.find((entry) -> (method == null || method.equalsIgnoreCase(entry.method()))
					&& (path == null || entry.path().startsWith(path)) && (after == null || entry.seq() > after)
					&& (caller == null || caller.equals(entry.caller())));
		return Map.of("total", found.size(), "requests", found);
	}

	@DeleteMapping("/requests")
	ResponseEntity<Void> clearRequests() {
		this.requests.clear();
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/webhooks")
	Map<String, Object> webhookSettings() {
		WebhookSettings.State state = this.webhooks.current();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("targetUrl", state.targetUrl());
		body.put("subscriptions", state.subscriptions().specs());
		body.put("signatureVersions", state.signatureVersions());
		body.put("faults", state.faults());
		body.put("pendingEvents", this.dispatcher.pendingEvents());
		return body;
	}

	@PutMapping("/webhooks")
	Map<String, Object> configureWebhooks(@RequestBody WebhookUpdate update) {
		WebhookSettings.State current = this.webhooks.current();
		Subscriptions subscriptions;
		try {
			subscriptions = (update.subscriptions() != null) ? Subscriptions.parse(update.subscriptions())
					: current.subscriptions();
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation(ex.getMessage());
		}
		this.webhooks.setThroughApi(new WebhookSettings.State(update.targetUrl(),
				(update.clientSecret() != null) ? update.clientSecret() : current.clientSecret(), subscriptions,
				(update.signatureVersions() != null) ? update.signatureVersions() : current.signatureVersions(),
				current.faults()));
		this.journal.append(new Journal.Entry("webhook-settings", null, update));
		return webhookSettings();
	}

	@GetMapping("/webhooks/deliveries")
	Map<String, Object> deliveries(@RequestParam(required = false) @Nullable String state,
			@RequestParam(defaultValue = "false") boolean events) {
		List<Map<String, Object>> result = new ArrayList<>();
		for (Delivery delivery : this.dispatcher.deliveries()) {
			if (state != null && !delivery.state().name().equalsIgnoreCase(state)) {
				continue;
			}
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", delivery.id());
			json.put("state", delivery.state());
			json.put("eventCount", delivery.events().size());
			json.put("eventIds", delivery.events().stream().map((event) -> event.get("eventId")).toList());
			json.put("attempts", delivery.attempts());
			if (events) {
				json.put("events", delivery.events());
			}
			result.add(json);
		}
		return Map.of("total", result.size(), "deliveries", result);
	}

	@PutMapping("/faults")
	Map<String, Object> faults(@RequestBody FaultUpdate update) {
		this.faults.set((update.rules() != null) ? update.rules() : List.of(), update.storm429(),
				Boolean.TRUE.equals(update.ignoreTraceIds()));
		this.webhooks.set(this.webhooks.current()
			.withFaults((update.webhooks() != null) ? update.webhooks() : WebhookSettings.DeliveryFaults.NONE));
		return Map.of("faults", update);
	}

	@GetMapping("/faults/answers-held")
	Map<String, Object> answersHeld() {
		return Map.of("answersHeld", this.faults.answersHeld());
	}

	@DeleteMapping("/faults")
	ResponseEntity<Void> clearFaults() {
		this.faults.clear();
		this.webhooks.set(this.webhooks.current().withFaults(WebhookSettings.DeliveryFaults.NONE));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/tokens/{token}/revoke")
	Map<String, Object> revoke(@PathVariable String token) {
		this.revocations.revoke(token);
		return Map.of("token", token, "revoked", true);
	}

	@PostMapping("/tokens/{token}/reinstate")
	Map<String, Object> reinstate(@PathVariable String token) {
		this.revocations.reinstate(token);
		return Map.of("token", token, "revoked", false);
	}

	@PostMapping("/seed")
	Map<String, Object> seed(@RequestBody Seed seed) {
		String objectTypeId = this.store.objectType(seed.objectType());
		List<Map<String, String>> records = new ArrayList<>();
		if (seed.records() != null) {
			records.addAll(seed.records());
		}
		int count = (seed.count() != null) ? seed.count() : 0;
		for (int n = 0; n < count; n++) {
			Map<String, String> record = new LinkedHashMap<>();
			String index = String.valueOf(n);
			(seed.template() != null ? seed.template() : Map.<String, String>of())
				.forEach((name, value) -> record.put(name, value.replace("{n}", index)));
			records.add(record);
		}
		Instant at = (seed.timestamp() != null) ? Instant.ofEpochMilli(ValueValidator.epochMillis(seed.timestamp()))
				: null;
		List<String> ids = new ArrayList<>();
		for (int from = 0; from < records.size(); from += 1000) {
			List<Write> writes = records.subList(from, Math.min(records.size(), from + 1000))
				.stream()
				.map((properties) -> Write.create(properties, null))
				.toList();
			WriteOutcome outcome = this.writer.apply(objectTypeId, writes, Caller.SYSTEM, false, at,
					Boolean.TRUE.equals(seed.webhooks()));
			outcome.written().forEach((written) -> ids.add(String.valueOf(written.object().id())));
		}
		return Map.of("objectTypeId", objectTypeId, "ids", ids);
	}

	@PostMapping("/objects/{type}/{id}/restore")
	Map<String, Object> restore(@PathVariable String type, @PathVariable long id) {
		StoredObject restored = this.writer.restore(this.store.objectType(type), id);
		return this.views.render(restored, List.of(), List.of(), null);
	}

	@GetMapping("/state")
	Map<String, Object> state() {
		Map<String, Object> counts = new LinkedHashMap<>();
		for (String type : List.of("0-1", "0-2", "0-3")) {
			counts.put(type, this.store.count(type));
		}
		return Map.of("records", counts, "pendingEvents", this.dispatcher.pendingEvents(), "dailyRequests",
				this.limiter.dailyCount());
	}

	record WebhookUpdate(@Nullable String targetUrl, @Nullable String clientSecret,
			@Nullable List<String> subscriptions, @Nullable List<String> signatureVersions) {
	}

	record FaultUpdate(@Nullable List<Faults.Rule> rules, Faults.@Nullable StormSpec storm429,
			WebhookSettings.@Nullable DeliveryFaults webhooks, @Nullable Boolean ignoreTraceIds) {
	}

	record WriteRuleUpdate(@Nullable List<String> requiredOnCreate,
			@Nullable List<WriteRules.Conditional> conditionalRequired) {
	}

	record Seed(String objectType, @Nullable List<Map<String, String>> records, @Nullable Integer count,
			@Nullable Map<String, String> template, @Nullable String timestamp, @Nullable Boolean webhooks) {
	}

}
