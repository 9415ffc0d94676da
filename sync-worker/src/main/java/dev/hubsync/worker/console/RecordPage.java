package dev.hubsync.worker.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.Row;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.PlatformRows;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One record, the "why does this field have this value" page: found by email, product key
 * or HubSpot id; its link, both sides' current values side by side per mapped field (read
 * now from the product's table and from HubSpot) with the value last synced, and each
 * field's decisions from the sync log (who won, when, why, both values).
 */
@Controller
class RecordPage {

	private static final int HISTORY = 500;

	private final MappingRegistry mappings;

	private final LinkStore links;

	private final PlatformRows rows;

	private final HubSpotClient hubspot;

	private final JdbcClient jdbc;

	RecordPage(MappingRegistry mappings, LinkStore links, PlatformRows rows, HubSpotClient hubspot, JdbcClient jdbc) {
		this.mappings = mappings;
		this.links = links;
		this.rows = rows;
		this.hubspot = hubspot;
		this.jdbc = jdbc;
	}

	/**
	 * One mapped field on both sides.
	 *
	 * @param property the HubSpot property
	 * @param column the product column
	 * @param direction which way it syncs
	 * @param rule its conflict rule
	 * @param platform the product's value now
	 * @param hubspot HubSpot's value now
	 * @param synced the value last synced
	 * @param differs whether the sides disagree now
	 * @param history its decisions, newest first
	 */
	record Field(String property, String column, String direction, String rule, @Nullable String platform,
			@Nullable String hubspot, @Nullable String synced, boolean differs, List<Decision> history) {
	}

	/**
	 * One sync log entry.
	 *
	 * @param at when
	 * @param direction which way
	 * @param outcome what happened
	 * @param field the field, if one
	 * @param platformValue the product's value
	 * @param hubspotValue HubSpot's value
	 * @param rule the rule applied
	 * @param winner the side that won
	 * @param detail why
	 */
	record Decision(Instant at, String direction, String outcome, @Nullable String field,
			@Nullable String platformValue, @Nullable String hubspotValue, @Nullable String rule,
			@Nullable String winner, @Nullable String detail) {
	}

	@GetMapping("/console/records")
	String record(@RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "contacts") String objectType, Model model) {
		List<String> types = this.mappings.all()
			.stream()
			.map((mapping) -> ObjectTypes.pathName(mapping.objectTypeId()))
			.toList();
		model.addAttribute("types", types);
		model.addAttribute("objectType", objectType);
		model.addAttribute("q", (q != null) ? q : "");
		if (q == null || q.isBlank()) {
			return "console/record";
		}
		String query = q.strip();
		Optional<CompiledMapping> found = ObjectTypes.byPathSegment(objectType).flatMap(this.mappings::get);
		if (found.isEmpty()) {
			model.addAttribute("problem", "'" + objectType + "' has no mapping in force");
			return "console/record";
		}
		CompiledMapping mapping = found.get();
		Lookup lookup = find(mapping, query);
		model.addAttribute("lookup", lookup);
		if (lookup.platformKey() == null && lookup.hubspotId() == null) {
			model.addAttribute("problem",
					"No record of " + objectType + " has the email, product key or HubSpot id " + query + ".");
			return "console/record";
		}
		Row row = (lookup.platformKey() != null) ? this.rows.find(mapping.config(), lookup.platformKey()).orElse(null)
				: null;
		HubSpotObject object = null;
		String hubspotProblem = null;
		if (lookup.hubspotId() != null) {
			try {
				object = this.hubspot.objects()
					.get(ObjectTypes.pathName(mapping.objectTypeId()), String.valueOf(lookup.hubspotId()),
							ReadOptions.properties(mapping.properties()))
					.orElse(null);
			}
			catch (RuntimeException ex) {
				hubspotProblem = "HubSpot could not be read: " + ex.getMessage();
			}
		}
		model.addAttribute("hubspotProblem", hubspotProblem);
		model.addAttribute("rowFound", row != null);
		model.addAttribute("recordFound", object != null);
		List<Decision> history = history(mapping.objectTypeId(), lookup.platformKey(), lookup.hubspotId());
		Map<String, List<Decision>> byField = new LinkedHashMap<>();
		List<Decision> recordLevel = new ArrayList<>();
		for (Decision decision : history) {
			if (decision.field() != null) {
				byField.computeIfAbsent(decision.field(), (name) -> new ArrayList<>()).add(decision);
			}
			else {
				recordLevel.add(decision);
			}
		}
		List<Field> fields = new ArrayList<>();
		Link link = lookup.link();
		for (CompiledField field : mapping.fields()) {
			Object platformValue = (row != null) ? row.values().get(field.column()) : null;
			String platform = (platformValue != null) ? platformValue.toString() : null;
			String current = (object != null) ? object.properties().get(field.property()) : null;
			String synced = (link != null) ? link.syncedValues().get(field.property()) : null;
			boolean differs = (row != null && object != null)
					&& !canonical(field, platform).equals(canonical(field, current));
			List<Decision> decisions = new ArrayList<>(byField.getOrDefault(field.property(), List.of()));
			decisions.addAll(byField.getOrDefault(field.column(), List.of()));
			decisions.sort((a, b) -> b.at().compareTo(a.at()));
			fields.add(new Field(field.property(), field.column(),
					field.direction().toString().toLowerCase(Locale.ROOT),
					field.rule().toString().toLowerCase(Locale.ROOT), platform, current, synced, differs, decisions));
		}
		model.addAttribute("fields", fields);
		model.addAttribute("recordHistory", recordLevel);
		return "console/record";
	}

	private static String canonical(CompiledField field, @Nullable String value) {
		try {
			return field.canonical("console", value);
		}
		catch (RuntimeException ex) {
			return String.valueOf(value);
		}
	}

	/**
	 * What a search found.
	 *
	 * @param by what the query was taken for
	 * @param platformKey the product row's key, if known
	 * @param hubspotId the HubSpot record, if known
	 * @param link the link, if the pair is linked
	 */
	record Lookup(String by, @Nullable String platformKey, @Nullable Long hubspotId, @Nullable Link link) {
	}

	private Lookup find(CompiledMapping mapping, String query) {
		String type = mapping.objectTypeId();
		if (query.contains("@")) {
			Optional<CompiledField> email = mapping.emailField();
			if (email.isPresent()) {
				List<String> keys = this.rows.keysByEmail(mapping.config(), email.get().column(),
						List.of(query.toLowerCase(Locale.ROOT)));
				if (!keys.isEmpty()) {
					return byKey(type, keys.get(0), "email");
				}
			}
			Long id = this.jdbc
				.sql("SELECT hubspot_id FROM hubsync.sync_log WHERE object_type_id = ? AND hubspot_id IS NOT NULL"
						+ " AND (lower(platform_value) = lower(?) OR lower(hubspot_value) = lower(?))"
						+ " ORDER BY id DESC LIMIT 1")
				.params(type, query, query)
				.query(Long.class)
				.optional()
				.orElse(null);
			return (id != null) ? byId(type, id, "email (from the sync log)") : new Lookup("email", null, null, null);
		}
		if (query.matches("\\d{1,18}")) {
			Lookup byId = byId(type, Long.parseLong(query), "HubSpot id");
			if (byId.link() != null) {
				return byId;
			}
			Lookup byKey = byKey(type, query, "product key");
			if (byKey.link() != null || this.rows.exists(mapping.config(), query)) {
				return byKey;
			}
			return byId;
		}
		return byKey(type, query, "product key");
	}

	private Lookup byId(String type, long id, String by) {
		Link link = this.links.byHubSpotIds(type, List.of(id)).get(id);
		return new Lookup(by, (link != null) ? link.platformKey() : null, id, link);
	}

	private Lookup byKey(String type, String key, String by) {
		Link link = this.links.byPlatformKey(type, key).orElse(null);
		return new Lookup(by, key, (link != null) ? link.hubspotId() : null, link);
	}

	private List<Decision> history(String type, @Nullable String key, @Nullable Long id) {
		return this.jdbc.sql(
				"SELECT * FROM hubsync.sync_log WHERE object_type_id = ? AND ((?::bigint IS NOT NULL AND hubspot_id = ?)"
						+ " OR (?::text IS NOT NULL AND platform_key = ?)) ORDER BY at DESC, id DESC LIMIT ?")
			.params(type, id, id, key, key, HISTORY)
			.query(RecordPage::decision)
			.list();
	}

	private static Decision decision(ResultSet rs, int n) throws SQLException {
		return new Decision(rs.getTimestamp("at").toInstant(), rs.getString("direction"), rs.getString("outcome"),
				rs.getString("field"), rs.getString("platform_value"), rs.getString("hubspot_value"),
				rs.getString("rule"), rs.getString("winner"), rs.getString("detail"));
	}

}
