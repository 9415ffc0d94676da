package dev.hubsync.emulator.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hubsync.emulator.testing.EmulatorAdmin;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.associations.AssociatedObject;
import dev.hubsync.hubspot.associations.AssociationBatches;
import dev.hubsync.hubspot.associations.AssociationSpec;
import dev.hubsync.hubspot.associations.AssociationTypes;
import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.error.HubSpotConflictException;
import dev.hubsync.hubspot.error.HubSpotPauseException;
import dev.hubsync.hubspot.oauth.TokenProvider;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.objects.BatchResult;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.owners.Owner;
import dev.hubsync.hubspot.pipelines.PipelineStage;
import dev.hubsync.hubspot.properties.PropertyCreate;
import dev.hubsync.hubspot.properties.PropertyDefinition;
import dev.hubsync.hubspot.properties.PropertyGroup;
import dev.hubsync.hubspot.ratelimit.RateBudgets;
import dev.hubsync.hubspot.ratelimit.RateLimits;
import dev.hubsync.hubspot.transport.RetrySettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The typed client against the in-process emulator. */
class HubSpotClientIT {

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.search.index-delay", "0ms")
		.property("emulator.rate-limit.search-per-second", "100");

	@RegisterExtension
	static HubSpotEmulatorExtension daily = HubSpotEmulatorExtension.create()
		.property("emulator.rate-limit.daily", "2");

	private HubSpotClient client;

	private EmulatorAdmin admin;

	@BeforeEach
	void reset() {
		this.admin = hubspot.get().admin();
		this.admin.reset();
		this.client = client(hubspot.get());
	}

	@Test
	void createReadUpdateArchive() {
		HubSpotObject created = this.client.objects()
			.create("contacts", Map.of("email", "crud@x.io", "firstname", "Crud"), List.of());
		assertThat(created.id()).isNotBlank();
		assertThat(created.createdAt()).isNotNull();
		HubSpotObject read = this.client.objects()
			.get("contacts", created.id(), new ReadOptions(List.of("email", "firstname"), List.of("firstname"), false))
			.orElseThrow();
		assertThat(read.property("firstname")).isEqualTo("Crud");
		assertThat(read.propertyChangedAt("firstname")).isEqualTo(created.createdAt());
		HubSpotObject updated = this.client.objects().update("contacts", created.id(), Map.of("firstname", "Changed"));
		assertThat(updated.property("firstname")).isEqualTo("Changed");
		this.client.objects().archive("0-1", created.id());
		assertThat(this.client.objects().get("contacts", created.id(), ReadOptions.defaults())).isEmpty();
	}

	@Test
	void listAllStreamsEveryPage() {
		this.admin.seed("companies", 250, Map.of("name", "C{n}"), null);
		assertThat(this.client.objects().listAll("companies", ReadOptions.properties(List.of("name"))).count())
			.isEqualTo(250);
	}

	@Test
	void batchWithAPartialFailureReportsTheFailedInput() {
		BatchResult result = this.client.batch()
			.create("contacts", List.of(new BatchInputs.Create(Map.of("email", "ok@x.io"), null, "t-ok"),
					new BatchInputs.Create(Map.of("email", "bad@x.io", "lifecyclestage", "vip"), null, "t-bad")));
		assertThat(result.results()).hasSize(1);
		assertThat(result.hasErrors()).isTrue();
		assertThat(result.errors().get(0).category()).isEqualTo("VALIDATION_ERROR");
		assertThat(result.errors().get(0).contextValues("objectWriteTraceId")).containsExactly("t-bad");
	}

	@Test
	void wholeBatchRefusalIsATypedError() {
		HubSpotObject contact = this.client.objects().create("contacts", Map.of("email", "whole@x.io"), List.of());
		assertThatExceptionOfType(HubSpotClientException.class)
			.isThrownBy(() -> this.client.batch()
				.update("contacts", List.of(new BatchInputs.Update(contact.id(), null, Map.of("nope", "x"), null))))
			.satisfies((ex) -> assertThat(ex.retryable()).isFalse());
	}

	@Test
	void upsertByEmailSaysWhatWasCreated() {
		this.client.objects().create("contacts", Map.of("email", "known@x.io"), List.of());
		BatchResult result = this.client.batch()
			.upsert("contacts", List.of(new BatchInputs.Upsert("KNOWN@x.io", "email", Map.of("firstname", "K"), null),
					new BatchInputs.Upsert("fresh@x.io", "email", Map.of("firstname", "F"), null)));
		assertThat(result.results()).extracting(HubSpotObject::isNew).containsExactly(false, true);
	}

	@Test
	void duplicateEmailIsATypedConflictNamingTheExistingRecord() {
		HubSpotObject existing = this.client.objects().create("contacts", Map.of("email", "dup@x.io"), List.of());
		assertThatExceptionOfType(HubSpotConflictException.class)
			.isThrownBy(() -> this.client.objects().create("contacts", Map.of("email", "DUP@x.io"), List.of()))
			.satisfies((ex) -> {
				assertThat(ex.existingId()).contains(existing.id());
				assertThat(ex.retryable()).isFalse();
				assertThat(ex.status()).isEqualTo(409);
			});
	}

	@Test
	void searchPagesPastTheCapWhenMoreThan10000RecordsShareOneTimestamp() {
		String crowded = "2026-11-20T08:00:00.000Z";
		this.admin.seed("contacts", 10_250, Map.of("email", "crowd{n}@x.io"), crowded);
		this.admin.seed("contacts", 30, Map.of("email", "later{n}@x.io"), "2026-11-20T09:00:00.000Z");
		this.admin.seed("contacts", 5, Map.of("email", "early{n}@x.io"), "2026-11-20T07:00:00.000Z");
		Set<String> ids = new HashSet<>();
		List<String> emails = new ArrayList<>();
		this.client.search()
			.modifiedSince("contacts", Instant.parse("2026-11-20T07:30:00Z"), List.of("email"))
			.forEach((contact) -> {
				ids.add(contact.id());
				emails.add(contact.property("email"));
			});
		assertThat(emails).hasSize(10_280);
		assertThat(ids).hasSize(10_280);
		assertThat(emails).noneMatch((email) -> email.startsWith("early"));
		assertThat(emails.subList(10_250, 10_280)).allMatch((email) -> email.startsWith("later"));
	}

	@Test
	void aStormOf429sIsSurvivedWithEveryRecordWrittenOnce() {
		this.admin.faults(Map.of("storm429", Map.of("requests", 12)));
		for (int batch = 0; batch < 3; batch++) {
			List<BatchInputs.Create> inputs = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				inputs.add(new BatchInputs.Create(Map.of("email", "storm" + batch + "-" + i + "@x.io"), null, null));
			}
			assertThat(this.client.batch().create("contacts", inputs).results()).hasSize(100);
		}
		assertThat(this.admin.call("GET", "/_emulator/state", null, null).at("/records/0-1").asInt()).isEqualTo(300);
		List<EmulatorAdmin.Request> calls = this.admin.requests("POST",
				this.client.paths().objectsBatch("contacts", "create"));
		assertThat(calls).filteredOn((call) -> call.status() == 429).hasSize(12);
		assertThat(calls).filteredOn((call) -> call.status() == 201).hasSize(3);
	}

	@Test
	void serverErrorsAreRetried() {
		this.admin.faults(Map.of("rules", List
			.of(Map.of("path", this.client.paths().objects("deals"), "errorRate", 1.0, "status", 503, "count", 2))));
		HubSpotObject deal = this.client.objects().create("deals", Map.of("dealname", "Retried"), List.of());
		assertThat(deal.property("dealname")).isEqualTo("Retried");
		assertThat(this.admin.requests("POST", this.client.paths().objects("deals")))
			.extracting(EmulatorAdmin.Request::status)
			.containsExactly(503, 503, 201);
	}

	@Test
	void theDailyLimitIsAPauseSignal() {
		HubSpotClient limited = client(daily.get());
		limited.owners().list(false);
		limited.owners().list(false);
		assertThatExceptionOfType(HubSpotPauseException.class).isThrownBy(() -> limited.owners().list(false))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(HubSpotPauseException.Reason.DAILY_LIMIT);
				assertThat(ex.pauseUntil()).isAfter(Instant.now());
			});
	}

	@Test
	void propertiesGroupsAssociationsAndOwners() {
		everyConcern(this.client);
		assertThat(this.admin.requests(null, null)).isNotEmpty()
			.allSatisfy((call) -> assertThat(call.path()).doesNotContain("/v3/").doesNotContain("/v4/"))
			.anySatisfy((call) -> assertThat(call.path()).startsWith("/crm/associations/2026-09/"))
			.anySatisfy((call) -> assertThat(call.path()).startsWith("/crm/properties/2026-09/"))
			.anySatisfy((call) -> assertThat(call.path()).startsWith("/crm/owners/2026-09"))
			.anySatisfy((call) -> assertThat(call.path()).startsWith("/crm/pipelines/2026-03/tickets"));
	}

	@Test
	void ownersArePagedAndAPortalsOwnersChangeWhileTheEmulatorRuns() {
		for (int i = 0; i < 150; i++) {
			this.admin.putOwner(String.valueOf(70_000_000 + i), "owner" + i + "@example.com", false);
		}
		this.admin.putOwner("41629780", "bo.owner@example.com", true);
		try {
			List<Owner> active = this.client.owners().list(false);
			assertThat(active).hasSize(151).extracting(Owner::id).doesNotHaveDuplicates().doesNotContain("41629780");
			assertThat(this.client.owners().list(true)).extracting(Owner::email)
				.containsExactlyInAnyOrder("former.owner@example.com", "bo.owner@example.com");
			assertThat(this.admin.requests("GET", "/crm/owners/2026-09")).hasSizeGreaterThanOrEqualTo(2);
			// a deactivated owner is no longer a value hubspot_owner_id takes
			assertThatExceptionOfType(HubSpotClientException.class).isThrownBy(() -> this.client.objects()
				.create("contacts", Map.of("email", "owned@x.io", "hubspot_owner_id", "41629780"), List.of()));
			assertThat(this.client.objects()
				.create("contacts", Map.of("email", "owned@x.io", "hubspot_owner_id", "70000007"), List.of())
				.property("hubspot_owner_id")).isEqualTo("70000007");
		}
		finally {
			this.admin.resetOwners();
		}
		assertThat(this.client.owners().list(false)).hasSize(2);
	}

	@Test
	void theLegacyFamilyIsStillSpokenWhenAsked() {
		HubSpotClient legacy = HubSpotClient.builder()
			.baseUrl(hubspot.get().baseUrl())
			.tokens(TokenProvider.of(HubSpotEmulator.APP_TOKEN))
			.apiVersion("v3")
			.build();
		everyConcern(legacy);
		assertThat(this.admin.requests(null, null)).isNotEmpty()
			.allSatisfy((call) -> assertThat(call.path()).matches("/crm/v[34]/.*"))
			.anySatisfy((call) -> assertThat(call.path()).startsWith("/crm/v4/associations/"));
	}

	private static void everyConcern(HubSpotClient client) {
		client.properties().ensureGroup("contacts", new PropertyGroup("hubsync", "HubSync", null));
		client.properties().ensureGroup("contacts", new PropertyGroup("hubsync", "HubSync", null));
		PropertyDefinition created = client.properties()
			.ensure("contacts", PropertyCreate.text("hubsync_record_id", "HubSync record id", "hubsync", true));
		PropertyDefinition again = client.properties()
			.ensure("contacts", PropertyCreate.text("hubsync_record_id", "HubSync record id", "hubsync", true));
		assertThat(again.name()).isEqualTo(created.name());
		assertThat(again.hasUniqueValue()).isTrue();
		assertThat(client.properties().get("contacts", "hs_object_id").orElseThrow().writable()).isFalse();
		assertThat(client.properties().list("deals")).extracting(PropertyDefinition::name).contains("dealstage");
		HubSpotObject contact = client.objects().create("contacts", Map.of("email", "as@x.io"), List.of());
		HubSpotObject company = client.objects().create("companies", Map.of("name", "Acme"), List.of());
		client.associations()
			.associate("contacts", contact.id(), "companies", company.id(),
					List.of(AssociationSpec.hubspotDefined(AssociationTypes.CONTACT_TO_COMPANY_PRIMARY)));
		List<AssociatedObject> associated = client.associations().list("contacts", contact.id(), "companies");
		assertThat(associated).singleElement().satisfies((a) -> {
			assertThat(a.toObjectId()).isEqualTo(company.id());
			assertThat(a.hasType(AssociationTypes.CONTACT_TO_COMPANY_PRIMARY)).isTrue();
			assertThat(a.hasType(AssociationTypes.CONTACT_TO_COMPANY)).isTrue();
		});
		assertThat(client.associations().batchRead("companies", "contacts", List.of(company.id())).results())
			.singleElement()
			.satisfies((item) -> assertThat(item.to().get(0).toObjectId()).isEqualTo(contact.id()));
		assertThat(client.owners().list(false)).hasSize(2);
		assertThat(client.owners().get("41629779")).isPresent();
		assertThat(client.pipelines().list("deals")).singleElement()
			.satisfies((pipeline) -> assertThat(pipeline.stageLabelled("Closed Won"))
				.hasValueSatisfying((stage) -> assertThat(stage.id()).isEqualTo("closedwon")));
		assertThat(client.pipelines().get("tickets", "0")).hasValueSatisfying((pipeline) -> {
			assertThat(pipeline.label()).isEqualTo("Support Pipeline");
			assertThat(pipeline.stages()).extracting(PipelineStage::label)
				.containsExactly("New", "Waiting on contact", "Waiting on us", "Closed");
			assertThat(pipeline.stage("4").orElseThrow().metadata()).containsEntry("ticketState", "CLOSED");
		});
		assertThat(client.pipelines().get("tickets", "no-such-pipeline")).isEmpty();
		assertThatExceptionOfType(HubSpotClientException.class).isThrownBy(() -> client.pipelines().list("contacts"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		HubSpotObject deal = client.batch()
			.create("deals", List.of(new BatchInputs.Create(Map.of("dealname", "Everything"), null, null)))
			.results()
			.get(0);
		assertThat(client.search().modifiedSince("deals", Instant.EPOCH, List.of("dealname")).count()).isOne();
		client.associations().associateDefault("deals", deal.id(), "companies", company.id());
		client.associations()
			.batchArchive("deals", "companies",
					List.of(new AssociationBatches.Removal(new AssociationBatches.Ref(deal.id()),
							List.of(new AssociationBatches.Ref(company.id())))));
		assertThat(client.associations().list("deals", deal.id(), "companies")).isEmpty();
		client.objects().archive("deals", deal.id());
	}

	private static HubSpotClient client(HubSpotEmulator emulator) {
		RateLimits limits = new RateLimits(190, Duration.ofSeconds(10), 625_000, ZoneId.of("UTC"), 100,
				Duration.ofSeconds(1), 0.2);
		return HubSpotClient.builder()
			.baseUrl(emulator.baseUrl())
			.tokens(TokenProvider.of(HubSpotEmulator.APP_TOKEN))
			.budget(RateBudgets.inMemory(limits, Clock.systemUTC()))
			.retry(new RetrySettings(20, Duration.ofMillis(10), Duration.ofMillis(200), 2.0, 0.5))
			.build();
	}

}
