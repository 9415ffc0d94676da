package dev.hubsync.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.properties.PropertyOption;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.worker.support.Changes;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.Sql;
import dev.hubsync.worker.support.WorkerFixture;
import dev.hubsync.worker.support.Workers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fuzz tests, one per direction (issue 19): records with random values legal on their own
 * side — empty and blank, Unicode (emoji, right-to-left, combining marks, a NUL), the
 * longest texts, huge and tiny numbers, odd dates, invalid emails and phone numbers on
 * the product's side — each end applied (perhaps with fields refused) or set aside with a
 * reason (a dead letter, a review), and records sent after them reach every partition.
 * Each run prints its seed and how many records ended each way (and appends them to
 * {@code target/fuzz-runs.txt}); {@code -Dfuzz.seed=S} replays one,
 * {@code -Dfuzz.records=N} sizes it.
 */
@EmbeddedInfra
class FuzzIT {

	private static final Logger logger = LoggerFactory.getLogger(FuzzIT.class);

	private static final Duration WAIT = Duration.ofSeconds(120);

	private static final int PARTITIONS = 6;

	private static final Path RUNS = Path.of("target", "fuzz-runs.txt");

	private static final String GROUP = "fuzz-it-" + UUID.randomUUID();

	private static WorkerFixture fixture;

	private static HubSpotEmulator emulator;

	private static HubSpotClient user;

	private static Sql sql;

	private static Changes changes;

	private static Events events;

	private static ConfigurableApplicationContext worker;

	private static KafkaConsumer<String, byte[]> deadLetters;

	private static final Map<String, String> dead = new LinkedHashMap<>();

	@BeforeAll
	static void start() throws Exception {
		fixture = WorkerFixture.onSharedBroker(Map.of("emulator.id-base", "80000000"));
		emulator = fixture.emulator();
		user = fixture.user();
		sql = fixture.sql();
		changes = fixture.changes();
		events = fixture.events();
		deadLetters = fixture.closing(new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer()));
		deadLetters.subscribe(List.of(Topics.LOCAL_CHANGES_DLT, Topics.HUBSPOT_EVENTS_DLT));
		worker = fixture.startWorker("--hubsync.worker.inbound.linger=100ms", "--hubsync.worker.outbound.linger=100ms",
				"--hubsync.worker.inbound.group-id=" + GROUP + "-inbound",
				"--hubsync.worker.outbound.group-id=" + GROUP + "-outbound",
				"--hubsync.worker.retry.initial-backoff=100ms", "--hubsync.worker.retry.max-backoff=500ms",
				"--hubsync.hubspot.retry.initial-backoff=20ms", "--hubsync.hubspot.retry.max-backoff=100ms",
				"--hubsync.worker.partitions=" + PARTITIONS, "--hubsync.admin.api-key=fuzz-key",
				"--hubsync.admin.allow-weak-keys=true");
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void randomLegalHubSpotValuesAreEachAppliedOrSetAsideAndNoPartitionStops() throws Exception {
		long seed = Long.getLong("fuzz.seed", System.nanoTime());
		int records = Integer.getInteger("fuzz.records", 90);
		Values values = new Values(new Random(seed));
		Map<String, List<String>> options = Map.of("lifecyclestage", options("contacts", "lifecyclestage"), "industry",
				options("companies", "industry"), "dealstage", options("deals", "dealstage"));
		// record key on the events topic -> object type and id
		Map<String, String[]> sent = new LinkedHashMap<>();
		List<String> batch = new ArrayList<>();
		for (int i = 0; i < records; i++) {
			String type = List.of("contacts", "companies", "deals").get(values.random.nextInt(3));
			Map<String, String> properties = values.hubspot(type, i, seed, options);
			HubSpotObject object = user.objects().create(type, properties, null);
			String event = Events.event(singular(type) + ".creation", Long.parseLong(object.id()), Instant.now(),
					Map.of());
			sent.put(WebhookEvent.parse(event).key().toString(), new String[] { type, object.id() });
			batch.add(event);
		}
		events.send(batch);
		List<String> canaries = inboundCanaries(seed);
		Outcomes outcomes = new Outcomes();
		await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			readDeadLetters();
			outcomes.clear();
			for (Map.Entry<String, String[]> record : sent.entrySet()) {
				String type = record.getValue()[0];
				long id = Long.parseLong(record.getValue()[1]);
				if (sql.row("SELECT 1 FROM hubsync.link WHERE object_type_id = ? AND hubspot_id = ?",
						objectTypeId(type), id) != null) {
					boolean refused = sql.count("SELECT count(*) FROM hubsync.review WHERE kind = 'field_refused'"
							+ " AND hubspot_id = ? AND resolved_at IS NULL", id) > 0;
					outcomes.applied(refused);
				}
				else if (dead.containsKey(record.getKey())) {
					outcomes.setAside(dead.get(record.getKey()));
				}
				else {
					Map<String, Object> review = sql.row("SELECT kind FROM hubsync.review WHERE hubspot_id = ? AND"
							+ " resolved_at IS NULL AND kind <> 'field_refused' LIMIT 1", id);
					if (review != null) {
						outcomes.setAside("review " + review.get("kind"));
					}
					else {
						outcomes.waiting.add(type + "/" + id);
					}
				}
			}
			assertThat(outcomes.waiting).as("records neither applied nor set aside").isEmpty();
			for (String canary : canaries) {
				assertThat(sql.row("SELECT 1 FROM public.leads WHERE email = ?", canary))
					.as("a contact created after the fuzz batch: " + canary)
					.isNotNull();
			}
		});
		report("inbound", seed, records, outcomes);
		assertThat(outcomes.total()).isEqualTo(records);
	}

	@Test
	void randomProductValuesAreEachAppliedOrSetAsideAndNoPartitionStops() throws Exception {
		long seed = Long.getLong("fuzz.seed", System.nanoTime());
		int records = Integer.getInteger("fuzz.records", 90);
		Values values = new Values(new Random(seed));
		Map<String, String> sent = new LinkedHashMap<>();
		List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
		for (int i = 0; i < records; i++) {
			String table = List.of("leads", "companies", "deals").get(values.random.nextInt(3));
			String key = values.insertRow(table, i, seed);
			sent.put(table + ":" + key, table);
			batch.add(changes.change(table, key, ChangeOp.CREATE, null, changes.image(table, key)));
		}
		changes.send(batch);
		List<String> canaries = outboundCanaries(seed);
		Outcomes outcomes = new Outcomes();
		await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			readDeadLetters();
			outcomes.clear();
			for (Map.Entry<String, String> row : sent.entrySet()) {
				String key = row.getKey().substring(row.getKey().indexOf(':') + 1);
				if (sql.row("SELECT 1 FROM hubsync.link WHERE platform_key = ?", key) != null) {
					boolean refused = sql.count("SELECT count(*) FROM hubsync.review WHERE kind = 'field_refused'"
							+ " AND platform_key = ? AND resolved_at IS NULL", key) > 0;
					outcomes.applied(refused);
				}
				else if (dead.containsKey(row.getKey())) {
					outcomes.setAside(dead.get(row.getKey()));
				}
				else {
					Map<String, Object> review = sql.row("SELECT kind FROM hubsync.review WHERE platform_key = ? AND"
							+ " resolved_at IS NULL AND kind <> 'field_refused' LIMIT 1", key);
					if (review != null) {
						outcomes.setAside("review " + review.get("kind"));
					}
					else {
						outcomes.waiting.add(row.getKey());
					}
				}
			}
			assertThat(outcomes.waiting).as("rows neither applied nor set aside").isEmpty();
			for (String canary : canaries) {
				assertThat(sql.row("SELECT 1 FROM hubsync.link WHERE platform_key = ?", canary))
					.as("a lead changed after the fuzz batch: " + canary)
					.isNotNull();
			}
		});
		report("outbound", seed, records, outcomes);
		assertThat(outcomes.total()).isEqualTo(records);
	}

	/**
	 * Contacts created after the fuzz batch, at least one on each partition of the events
	 * topic.
	 */
	private static List<String> inboundCanaries(long seed) {
		Set<Integer> covered = new HashSet<>();
		List<String> emails = new ArrayList<>();
		List<String> batch = new ArrayList<>();
		for (int i = 0; covered.size() < PARTITIONS && i < 200; i++) {
			String email = "inbound-canary-" + seed + "-" + i + "@example.com";
			HubSpotObject contact = user.objects().create("contacts", Map.of("email", email), null);
			String event = Events.event("contact.creation", Long.parseLong(contact.id()), Instant.now(), Map.of());
			if (covered.add(partition(WebhookEvent.parse(event).key().toString()))) {
				emails.add(email);
				batch.add(event);
			}
		}
		assertThat(covered).hasSize(PARTITIONS);
		events.send(batch);
		return emails;
	}

	/**
	 * Leads created after the fuzz batch, at least one on each partition of the changes
	 * topic.
	 */
	private static List<String> outboundCanaries(long seed) throws Exception {
		Set<Integer> covered = new HashSet<>();
		List<String> keys = new ArrayList<>();
		List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
		for (int i = 0; covered.size() < PARTITIONS && i < 200; i++) {
			String key = String
				.valueOf(sql
					.row("INSERT INTO public.leads (email, first_name) VALUES (?, 'Canary')"
							+ " RETURNING id::text AS id", "outbound-canary-" + seed + "-" + i + "@example.com")
					.get("id"));
			if (covered.add(partition("leads:" + key))) {
				keys.add(key);
				batch.add(changes.change("leads", key, ChangeOp.CREATE, null, changes.image("leads", key)));
			}
		}
		assertThat(covered).hasSize(PARTITIONS);
		changes.send(batch);
		return keys;
	}

	private static int partition(String key) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % PARTITIONS;
	}

	private static void readDeadLetters() {
		for (ConsumerRecord<String, byte[]> record : deadLetters.poll(Duration.ofMillis(200))) {
			Header exception = record.headers().lastHeader(EventHeaders.DLT_EXCEPTION_FQCN);
			String name = (exception != null) ? new String(exception.value(), java.nio.charset.StandardCharsets.UTF_8)
					: "unknown";
			dead.put(record.key(), "dead letter " + name.substring(name.lastIndexOf('.') + 1));
		}
	}

	private static void report(String direction, long seed, int records, Outcomes outcomes) throws Exception {
		String line = direction + " fuzz, seed " + seed + ": " + records + " records — applied " + outcomes.applied
				+ " (" + outcomes.appliedWithRefusals + " with a field refused), set aside "
				+ outcomes.setAside.values().stream().mapToInt(Integer::intValue).sum() + " " + outcomes.setAside
				+ "; every partition went on";
		logger.info(line);
		Files.createDirectories(RUNS.getParent());
		Files.writeString(RUNS, Instant.now() + " " + line + "\n", StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	private static List<String> options(String type, String property) {
		return user.properties()
			.get(type, property)
			.orElseThrow()
			.options()
			.stream()
			.map(PropertyOption::value)
			.toList();
	}

	private static String singular(String type) {
		return switch (type) {
			case "contacts" -> "contact";
			case "companies" -> "company";
			default -> "deal";
		};
	}

	private static String objectTypeId(String type) {
		return switch (type) {
			case "contacts" -> "0-1";
			case "companies" -> "0-2";
			default -> "0-3";
		};
	}

	/** How the records of a run ended. */
	private static final class Outcomes {

		int applied;

		int appliedWithRefusals;

		final Map<String, Integer> setAside = new TreeMap<>();

		final List<String> waiting = new ArrayList<>();

		void clear() {
			this.applied = 0;
			this.appliedWithRefusals = 0;
			this.setAside.clear();
			this.waiting.clear();
		}

		void applied(boolean withRefusal) {
			this.applied++;
			if (withRefusal) {
				this.appliedWithRefusals++;
			}
		}

		void setAside(String reason) {
			this.setAside.merge(reason, 1, Integer::sum);
		}

		int total() {
			return this.applied + this.setAside.values().stream().mapToInt(Integer::intValue).sum();
		}

	}

	/** The random values, from one seed. */
	private static final class Values {

		private static final String[] UNICODE = { "Zoë", "Łukasz", "Søren", "山田", "Ньютон", "שלום", "مرحبا", "😀🎉",
				"e\u0301", "a\u200Db", "\uD83D\uDC69\u200D\uD83D\uDCBB", "O'Brien", "'; DROP TABLE leads; --", "null",
				"NULL", "\t\n" };

		final Random random;

		Values(Random random) {
			this.random = random;
		}

		/**
		 * A text: empty, blank, the longest, Unicode, SQL-like; for HubSpot (at most
		 * 65,536 characters) sometimes with a NUL, which PostgreSQL's text cannot hold.
		 */
		String text(int max) {
			return switch (this.random.nextInt(10)) {
				case 0 -> "";
				case 1 -> "   ";
				case 2 -> repeat('x', max);
				case 3 -> repeat('é', 1 + this.random.nextInt(2000));
				case 4 -> "with a NUL \u0000 inside";
				case 5, 6 -> UNICODE[this.random.nextInt(UNICODE.length)];
				default -> "Name" + this.random.nextInt(100_000);
			};
		}

		Map<String, String> hubspot(String type, int i, long seed, Map<String, List<String>> options) {
			Map<String, String> properties = new LinkedHashMap<>();
			switch (type) {
				case "contacts" -> {
					properties.put("email", "fuzz-" + seed + "-" + i + "@example.com");
					maybe(properties, "firstname", text(65_536));
					maybe(properties, "lastname", text(65_536));
					maybe(properties, "phone", phone());
					maybe(properties, "lifecyclestage", pick(options.get("lifecyclestage")));
				}
				case "companies" -> {
					maybe(properties, "name", text(65_536));
					maybe(properties, "domain", text(300));
					maybe(properties, "industry", pick(options.get("industry")));
				}
				default -> {
					maybe(properties, "dealname", text(65_536));
					maybe(properties, "amount", number());
					maybe(properties, "dealstage", pick(options.get("dealstage")));
					maybe(properties, "closedate", pick(List.of("1900-01-01T00:00:00.000Z", "9999-12-31T00:00:00.000Z",
							"1970-01-01T00:00:00.000Z", "2024-02-29T00:00:00.000Z", "0")));
				}
			}
			return properties;
		}

		/** A text a product's database holds (no NUL). */
		String productText(int max) {
			return text(max).replace('\u0000', ' ');
		}

		String insertRow(String table, int i, long seed) throws Exception {
			return switch (table) {
				case "leads" -> id(sql.row(
						"INSERT INTO public.leads (email, first_name, last_name, phone,"
								+ " lifecycle_stage) VALUES (?, ?, ?, ?, ?) RETURNING id::text AS id",
						email(i, seed), nullable(productText(70_000)), nullable(productText(70_000)), nullable(phone()),
						nullable(pick(List.of("lead", "mql", "sql", "customer", "evangelist", "LEAD")))));
				case "companies" -> id(sql.row(
						"INSERT INTO public.companies (name, domain, industry) VALUES (?, ?, ?)"
								+ " RETURNING id::text AS id",
						productText(70_000), nullable(productText(300)), nullable(pick(
								List.of("RETAIL", "ACCOUNTING", "COMPUTER_SOFTWARE", "retail", "NOT_AN_INDUSTRY")))));
				default -> id(sql.row(
						"INSERT INTO public.deals (name, amount, stage, close_date) VALUES (?, ?::numeric,"
								+ " ?, ?) RETURNING id::text AS id",
						productText(70_000),
						nullable(pick(List.of("0", "-0.01", "0.01", "999999999999.99", "-999999999999.99", "1234.5"))),
						nullable(pick(List.of("appointmentscheduled", "closedwon", "closedlost", "not_a_stage"))),
						nullable(pick(List.of(LocalDate.of(1, 1, 1), LocalDate.of(1900, 1, 1),
								LocalDate.of(9999, 12, 31), LocalDate.of(2024, 2, 29))))));
			};
		}

		private String email(int i, long seed) {
			return switch (this.random.nextInt(6)) {
				case 0 -> null;
				case 1 -> "not an email " + i;
				case 2 -> "fuzz-" + seed + "-" + i + "@localhost";
				case 3 -> "Fuzz.Ünïcode-" + seed + "-" + i + "@example.com";
				default -> "fuzz-" + seed + "-" + i + "@example.com";
			};
		}

		private String phone() {
			return pick(List.of("+1 415 555 0100", "4155550123", "(415) 555-0199 ext. 12", "call me", "+999 1", "0",
					"+44 20 7946 0958"));
		}

		private String number() {
			return pick(List.of("0", "-0", "0.005", "1e-30", "1e15", "123456789012345678901234567890", "-42.125",
					"1000000000000000", "0.1"));
		}

		private <T> T pick(List<T> from) {
			return from.get(this.random.nextInt(from.size()));
		}

		private void maybe(Map<String, String> properties, String name, String value) {
			if (this.random.nextInt(5) > 0) {
				properties.put(name, value);
			}
		}

		private Object nullable(Object value) {
			return (this.random.nextInt(5) == 0) ? null : value;
		}

		private static String repeat(char c, int times) {
			return String.valueOf(c).repeat(times);
		}

		private static String id(Map<String, Object> row) {
			return String.valueOf(row.get("id"));
		}

	}

}
