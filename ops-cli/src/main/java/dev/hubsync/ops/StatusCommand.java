package dev.hubsync.ops;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One screen of what an operator checks first; exits 1 when something needs attention
 * (listed at the end), 0 otherwise.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = "Consumer lag, dead letters, slot lag, poller watermarks, guard, pauses and rate budget;"
				+ " exit 1 when something needs attention.")
final class StatusCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	Connections connections;

	@Option(names = "--max-lag",
			description = "Consumer lag per group above which it needs attention (default:" + " ${DEFAULT-VALUE}).")
	long maxLag = 10_000;

	@Option(names = "--max-slot-lag-mb",
			description = "Replication slot lag in MB above which it needs attention" + " (default: ${DEFAULT-VALUE}).")
	long maxSlotLagMb = 1024;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		List<String> attention = new ArrayList<>();
		try (Admin admin = this.connections.admin()) {
			consumerLag(out, admin, attention);
			deadLetters(out, admin, attention);
		}
		database(out, attention);
		worker(out, attention);
		out.println();
		if (attention.isEmpty()) {
			out.println("OK: nothing needs attention");
			return 0;
		}
		out.println("NEEDS ATTENTION:");
		attention.forEach((line) -> out.println("  - " + line));
		return 1;
	}

	private void consumerLag(PrintWriter out, Admin admin, List<String> attention) throws Exception {
		out.println("Consumer lag");
		Collection<GroupListing> groups = admin.listGroups().all().get(30, TimeUnit.SECONDS);
		for (GroupListing group : groups.stream()
			.filter((g) -> g.groupId().startsWith("hubsync"))
			.sorted((a, b) -> a.groupId().compareTo(b.groupId()))
			.toList()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> query = new HashMap<>();
			committed.keySet().forEach((partition) -> query.put(partition, OffsetSpec.latest()));
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(query)
				.all()
				.get(30, TimeUnit.SECONDS);
			long total = 0;
			Map<String, Long> byTopic = new TreeMap<>();
			List<String> lagging = new ArrayList<>();
			for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
				if (entry.getValue() == null) {
					continue;
				}
				long lag = Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
				total += lag;
				byTopic.merge(entry.getKey().topic(), lag, Long::sum);
				if (lag > 0) {
					lagging.add(entry.getKey().partition() + ":" + lag);
				}
			}
			out.printf("  %-36s %-10s lag %,d %s%s%n", group.groupId(),
					group.groupState().map(Object::toString).orElse("?"), total, byTopic,
					lagging.isEmpty() ? "" : " partitions " + lagging);
			if (total > this.maxLag) {
				attention.add(
						"consumer group " + group.groupId() + " lags " + total + " records (over " + this.maxLag + ")");
			}
		}
	}

	private void deadLetters(PrintWriter out, Admin admin, List<String> attention) throws Exception {
		out.println("Dead letters");
		Map<String, Long> redriven = new HashMap<>();
		try (Connection connection = this.connections.database();
				PreparedStatement statement = connection
					.prepareStatement("SELECT dlt_topic, count(*) FROM hubsync.dlt_redrive GROUP BY dlt_topic");
				ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				redriven.put(rs.getString(1), rs.getLong(2));
			}
		}
		for (String topic : DltCommand.TOPICS) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
			try {
				admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get(30, TimeUnit.SECONDS)
					.get(topic)
					.partitions()
					.forEach((info) -> {
						latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
						earliest.put(new TopicPartition(topic, info.partition()), OffsetSpec.earliest());
					});
			}
			catch (java.util.concurrent.ExecutionException ex) {
				out.printf("  %-36s (no topic yet)%n", topic);
				continue;
			}
			long end = sum(admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS));
			long start = sum(admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS));
			long waiting = Math.max(0, end - start - redriven.getOrDefault(topic, 0L));
			out.printf("  %-36s %,d kept, %,d not re-driven%n", topic, end - start, waiting);
			if (waiting > 0) {
				Map<String, Long> byReason = waitingByReason(topic);
				out.printf("  %-36s not re-driven by reason: %s%n", "", byReason);
				attention.add(waiting + " dead letter(s) on " + topic + " not re-driven " + byReason
						+ " (hubsync-ops dlt list --topic " + topic + " --error CLASS)");
			}
		}
	}

	/**
	 * Counts the dead letters of a topic not re-driven yet by their exception class (the
	 * kind of reason: a refusal by the product's database, a value that does not convert,
	 * HubSpot's refusal, an undecodable event).
	 */
	private Map<String, Long> waitingByReason(String topic) throws SQLException {
		DltCommand.Filters filters = new DltCommand.Filters();
		filters.connections = this.connections;
		filters.topic = topic;
		Map<String, Long> byReason = new TreeMap<>();
		for (DltCommand.DeadLetter letter : filters.read()) {
			if (letter.redrivenAt() == null) {
				byReason.merge(letter.simpleException(), 1L, Long::sum);
			}
		}
		return byReason;
	}

	private static long sum(Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets) {
		return offsets.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
	}

	private void database(PrintWriter out, List<String> attention) throws SQLException {
		try (Connection connection = this.connections.database()) {
			out.println("Replication slots");
			try (PreparedStatement statement = connection.prepareStatement("SELECT slot_name, active,"
					+ " pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint FROM pg_replication_slots"
					+ " WHERE slot_type = 'logical' ORDER BY slot_name"); ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					long lag = rs.getLong(3);
					out.printf("  %-36s %-8s lag %,d bytes%n", rs.getString(1),
							rs.getBoolean(2) ? "active" : "INACTIVE", lag);
					if (lag > this.maxSlotLagMb * 1024 * 1024) {
						attention.add("replication slot " + rs.getString(1) + " holds " + lag / (1024 * 1024)
								+ " MB of WAL (over " + this.maxSlotLagMb + " MB)");
					}
				}
			}
			out.println("Poller watermarks (newest HubSpot change the poller has seen, per object type)");
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT object_type_id, watermark, date_trunc('second', now() - watermark)"
						+ " FROM hubsync.poll_watermark ORDER BY 1");
					ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					out.printf("  %-36s %s (%s ago)%n", rs.getString(1), rs.getTimestamp(2).toInstant(),
							rs.getString(3));
				}
			}
		}
	}

	private void worker(PrintWriter out, List<String> attention) {
		JsonNode status = JsonMapper.builder().build().readTree(this.connections.worker().get("/api/status"));
		out.println("Sync worker");
		out.printf("  mappings       %s%n", status.path("mappings"));
		out.printf("  paused         %s%n", status.path("paused"));
		out.printf("  parked events  %s%n", status.path("parkedEvents"));
		out.printf("  guard          %s%n", status.path("guard"));
		out.printf("  open reviews   %s%n", status.path("openReviews"));
		out.printf("  rate budget    %s%n", status.path("rateBudget"));
		JsonNode stalls = status.path("stalls");
		out.printf("  stalls         %s%n", (stalls.size() == 0) ? "none" : stalls.size());
		for (JsonNode stall : stalls) {
			String line = stall.path("direction").asString() + " partition " + stall.path("partition").asInt()
					+ " stalled for " + stall.path("for").asString() + " (" + stall.path("failures").asInt()
					+ " failed attempt(s), oldest event waiting " + stall.path("oldestEventAge").asString()
					+ "), record key " + stall.path("key").asString() + " at offset " + stall.path("offset").asLong()
					+ ": " + stall.path("cause").asString();
			out.printf("    %s%n", line);
			attention.add(line);
		}
		status.path("credentialsRefused").properties().forEach((entry) -> {
			String line = entry.getKey() + " paused since " + entry.getValue().path("since").asString()
					+ ": HubSpot refuses HubSync's credentials (" + entry.getValue().path("reason").asString()
					+ "); renew the token or grant the scope: it resumes by itself within the probe interval (or"
					+ " hubsync-ops resume --direction " + entry.getKey() + ")";
			out.printf("  credentials    %s%n", line);
			attention.add(line);
		});
		if (status.path("paused").size() > 0) {
			attention.add("paused: " + status.path("paused") + " (hubsync-ops resume …)");
		}
		long duplicates = status.path("openReviews").path("duplicate_email").asLong();
		if (duplicates > 0) {
			attention.add(duplicates + " product row(s) share a match key with the row linked to their HubSpot record"
					+ " and stay unlinked: GET /api/reviews?kind=duplicate_email, then POST"
					+ " /api/reviews/{id}/link-instead or /keep-apart");
		}
		long manual = status.path("openReviews").path("manual").asLong();
		if (manual > 0) {
			attention.add(manual + " MANUAL conflict(s) wait for a person: GET /api/reviews?kind=manual");
		}
		long refused = status.path("openReviews").path("field_refused").asLong();
		if (refused > 0) {
			attention.add(refused + " field value(s) refused by the other side, the rest of their records synced:"
					+ " GET /api/reviews?kind=field_refused; fix the value or the mapping, then resolve the review");
		}
		long fuzzy = status.path("openReviews").path("fuzzy").asLong();
		if (fuzzy > 0) {
			attention.add(fuzzy + " fuzzy match proposal(s) wait for a person: GET /api/reviews?kind=fuzzy");
		}
		status.path("guard").path("objectTypes").properties().forEach((entry) -> {
			long parked = entry.getValue().path("parkedDeletions").asLong();
			if (parked > 0) {
				attention.add("mass-deletion guard tripped on " + entry.getKey() + ": " + parked
						+ " deletion(s) parked (hubsync-ops guard release --object " + entry.getKey() + ")");
			}
		});
	}

}
