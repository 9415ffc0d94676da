package dev.hubsync.mapping;

import java.time.Instant;
import java.util.List;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.mapping.FieldMapping;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.mapping.TransformSpec;
import dev.hubsync.mapping.MappingRegistry.Offer.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MappingRegistryTests {

	private final MappingRegistry registry = new MappingRegistry((config) -> DemoMappings.types("leads"));

	private final MappingConfig contacts = DemoMappings.get(ObjectTypes.CONTACTS);

	@Test
	void versionsOnlyMoveForward() {
		MappingConfig v2 = this.contacts.withVersion(2, Instant.now(), "api");
		assertThat(this.registry.offer(v2).outcome()).isEqualTo(Outcome.APPLIED);
		assertThat(this.registry.offer(this.contacts).outcome()).isEqualTo(Outcome.STALE);
		assertThat(this.registry.offer(v2).outcome()).isEqualTo(Outcome.STALE);
		assertThat(this.registry.get(ObjectTypes.CONTACTS)).map(CompiledMapping::version).contains(2L);
		assertThat(this.registry.forTable("leads")).map(CompiledMapping::objectTypeId).contains(ObjectTypes.CONTACTS);
		assertThat(this.registry.forTable("public.leads")).isPresent();
		assertThat(this.registry.forTable("deals")).isEmpty();
	}

	@Test
	void anInvalidVersionLeavesThePreviousOneInForce() {
		this.registry.offer(this.contacts);
		MappingConfig broken = new MappingConfig(ObjectTypes.CONTACTS, 5, "leads", "id", "updated_at", null,
				List.of(new FieldMapping("email", "email", null, null, TransformSpec.of("nonsense"))), null, null, null,
				Instant.now(), "api");
		MappingRegistry.Offer offer = this.registry.offer(broken);
		assertThat(offer.outcome()).isEqualTo(Outcome.INVALID);
		assertThat(offer.versionInForce()).isEqualTo(1);
		assertThat(offer.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).startsWith("unknown transform 'nonsense'"));
		assertThat(this.registry.get(ObjectTypes.CONTACTS)).map(CompiledMapping::version).contains(1L);
		assertThat(this.registry.all()).hasSize(1);
	}

	@Test
	void aMappingOfHubSyncsOwnTablesOrOfAnotherSchemaIsRefused() {
		MappingRegistry guarded = new MappingRegistry((config) -> DemoMappings.types("leads"), List.of("public"));
		MappingRegistry.Offer own = guarded.offer(onTable("hubsync.link"));
		assertThat(own.outcome()).isEqualTo(Outcome.INVALID);
		assertThat(own.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("schema hubsync")
				.contains("HubSync's own tables"));
		assertThat(new MappingRegistry().offer(onTable("pg_catalog.pg_authid")).outcome()).isEqualTo(Outcome.INVALID);
		MappingRegistry.Offer other = guarded.offer(onTable("billing.leads"));
		assertThat(other.outcome()).isEqualTo(Outcome.INVALID);
		assertThat(other.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("hubsync.mapping.allowed-schemas"));
		assertThat(guarded.offer(onTable("public.leads")).outcome()).isEqualTo(Outcome.APPLIED);
		assertThat(new MappingRegistry((config) -> DemoMappings.types("leads"), List.of("public", "billing"))
			.offer(onTable("billing.leads"))
			.outcome()).isEqualTo(Outcome.APPLIED);
	}

	@Test
	void aVersionNoMappingServiceWouldWriteCannotPinTheMapping() {
		MappingRegistry.Offer pinned = this.registry
			.offer(this.contacts.withVersion(Long.MAX_VALUE - 1, Instant.now(), "intruder"));
		assertThat(pinned.outcome()).isEqualTo(Outcome.INVALID);
		assertThat(pinned.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("is not a mapping version"));
		assertThat(this.registry.offer(this.contacts.withVersion(2, Instant.now(), "api")).outcome())
			.isEqualTo(Outcome.APPLIED);
	}

	private MappingConfig onTable(String table) {
		return new MappingConfig(ObjectTypes.CONTACTS, 1, table, this.contacts.keyColumn(),
				this.contacts.changeTimeColumn(), this.contacts.softDeleteColumn(), this.contacts.fields(),
				this.contacts.constants(), this.contacts.associations(), this.contacts.matching(), Instant.now(),
				"api");
	}

}
