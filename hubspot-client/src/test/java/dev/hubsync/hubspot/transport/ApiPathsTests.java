package dev.hubsync.hubspot.transport;

import dev.hubsync.hubspot.transport.ApiPaths.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every path in both families: dated (version after the API's name) and legacy
 * ({@code /crm/v3}, {@code /crm/v4}, {@code /oauth/v1}); reference §1.2.
 */
class ApiPathsTests {

	private final ApiPaths dated = ApiPaths.of("2026-09");

	private final ApiPaths legacy = ApiPaths.of("v3");

	@Test
	void theDefaultIsTheSeptember2026VersionWithTheApisHubSpotLeftAtMarch() {
		ApiPaths paths = ApiPaths.defaults();
		assertThat(paths).isEqualTo(this.dated);
		assertThat(paths.version(Api.OBJECTS)).isEqualTo("2026-09");
		assertThat(paths.version(Api.PROPERTIES)).isEqualTo("2026-09");
		assertThat(paths.version(Api.ASSOCIATIONS)).isEqualTo("2026-09");
		assertThat(paths.version(Api.OWNERS)).isEqualTo("2026-09");
		assertThat(paths.version(Api.PIPELINES)).isEqualTo("2026-03");
		assertThat(paths.version(Api.SCHEMAS)).isEqualTo("2026-03");
		assertThat(paths.version(Api.OAUTH)).isEqualTo("2026-03");
		assertThat(paths.version(Api.JOURNAL)).isEqualTo("2026-03");
	}

	@Test
	void objectPathsPutTheVersionAfterTheApiName() {
		assertThat(this.dated.objects("contacts")).isEqualTo("/crm/objects/2026-09/contacts");
		assertThat(this.dated.object("0-1", "512")).isEqualTo("/crm/objects/2026-09/contacts/512");
		assertThat(this.dated.objectsBatch("deals", "upsert")).isEqualTo("/crm/objects/2026-09/deals/batch/upsert");
		assertThat(this.dated.search("companies")).isEqualTo("/crm/objects/2026-09/companies/search");
		assertThat(this.dated.merge("contacts")).isEqualTo("/crm/objects/2026-09/contacts/merge");
		assertThat(this.dated.gdprDelete()).isEqualTo("/crm/objects/2026-09/contacts/gdpr-delete");
		assertThat(this.dated.object("contacts", "a b@x")).isEqualTo("/crm/objects/2026-09/contacts/a%20b%40x");
	}

	@Test
	void legacyObjectPathsAreV3() {
		assertThat(this.legacy.objects("contacts")).isEqualTo("/crm/v3/objects/contacts");
		assertThat(this.legacy.object("contacts", "512")).isEqualTo("/crm/v3/objects/contacts/512");
		assertThat(this.legacy.objectsBatch("contacts", "update")).isEqualTo("/crm/v3/objects/contacts/batch/update");
		assertThat(this.legacy.search("0-3")).isEqualTo("/crm/v3/objects/deals/search");
		assertThat(this.legacy.merge("contacts")).isEqualTo("/crm/v3/objects/contacts/merge");
		assertThat(this.legacy.gdprDelete()).isEqualTo("/crm/v3/objects/contacts/gdpr-delete");
	}

	@Test
	void propertiesOwnersPipelinesAndSchemas() {
		assertThat(this.dated.properties("contacts")).isEqualTo("/crm/properties/2026-09/contacts");
		assertThat(this.dated.property("contacts", "email")).isEqualTo("/crm/properties/2026-09/contacts/email");
		assertThat(this.dated.propertyGroups("deals")).isEqualTo("/crm/properties/2026-09/deals/groups");
		assertThat(this.dated.owners()).isEqualTo("/crm/owners/2026-09");
		assertThat(this.dated.owner("42")).isEqualTo("/crm/owners/2026-09/42");
		assertThat(this.dated.pipelines("deals")).isEqualTo("/crm/pipelines/2026-03/deals");
		assertThat(this.dated.pipeline("tickets", "0")).isEqualTo("/crm/pipelines/2026-03/tickets/0");
		assertThat(this.dated.schemas()).isEqualTo("/crm-object-schemas/2026-03/schemas");
		assertThat(this.legacy.properties("contacts")).isEqualTo("/crm/v3/properties/contacts");
		assertThat(this.legacy.property("contacts", "email")).isEqualTo("/crm/v3/properties/contacts/email");
		assertThat(this.legacy.propertyGroups("deals")).isEqualTo("/crm/v3/properties/deals/groups");
		assertThat(this.legacy.owners()).isEqualTo("/crm/v3/owners");
		assertThat(this.legacy.owner("42")).isEqualTo("/crm/v3/owners/42");
		assertThat(this.legacy.pipelines("deals")).isEqualTo("/crm/v3/pipelines/deals");
		assertThat(this.legacy.pipeline("0-5", "0")).isEqualTo("/crm/v3/pipelines/tickets/0");
		assertThat(this.legacy.schemas()).isEqualTo("/crm/v3/schemas");
	}

	@Test
	void associationsAreV4InTheLegacyFamilyAndUnderObjectsOrAssociationsDated() {
		assertThat(this.dated.associations("contacts", "1", "companies"))
			.isEqualTo("/crm/objects/2026-09/contacts/1/associations/companies");
		assertThat(this.dated.association("contacts", "1", "companies", "2"))
			.isEqualTo("/crm/objects/2026-09/contacts/1/associations/companies/2");
		assertThat(this.dated.defaultAssociation("contacts", "1", "companies", "2"))
			.isEqualTo("/crm/objects/2026-09/contacts/1/associations/default/companies/2");
		assertThat(this.dated.associationsBatch("contacts", "companies", "archive"))
			.isEqualTo("/crm/associations/2026-09/contacts/companies/batch/archive");
		assertThat(this.dated.associationLabels("deals", "contacts"))
			.isEqualTo("/crm/associations/2026-09/deals/contacts/labels");
		assertThat(this.legacy.associations("contacts", "1", "companies"))
			.isEqualTo("/crm/v4/objects/contacts/1/associations/companies");
		assertThat(this.legacy.association("contacts", "1", "companies", "2"))
			.isEqualTo("/crm/v4/objects/contacts/1/associations/companies/2");
		assertThat(this.legacy.defaultAssociation("contacts", "1", "companies", "2"))
			.isEqualTo("/crm/v4/objects/contacts/1/associations/default/companies/2");
		assertThat(this.legacy.associationsBatch("contacts", "companies", "associate/default"))
			.isEqualTo("/crm/v4/associations/contacts/companies/batch/associate/default");
		assertThat(this.dated.associationsFrom("contacts")).isEqualTo("/crm/associations/2026-09/contacts");
		assertThat(this.legacy.associationsFrom("contacts")).isEqualTo("/crm/v4/associations/contacts");
		assertThat(this.legacy.associationLabels("deals", "contacts"))
			.isEqualTo("/crm/v4/associations/deals/contacts/labels");
	}

	@Test
	void oauthAndJournal() {
		assertThat(this.dated.oauthToken()).isEqualTo("/oauth/2026-03/token");
		assertThat(this.legacy.oauthToken()).isEqualTo("/oauth/v1/token");
		assertThat(this.dated.journal("journal")).isEqualTo("/webhooks-journal/journal/2026-03");
		assertThat(this.legacy.journal("journal")).isEqualTo("/webhooks-journal/journal/2026-03");
	}

	@Test
	void oneApiCanBeOverridden() {
		ApiPaths mixed = ApiPaths.of("v3").with(Api.OBJECTS, "2026-03").with(Api.OAUTH, "2026-09").with(Api.OWNERS, "");
		assertThat(mixed.objects("contacts")).isEqualTo("/crm/objects/2026-03/contacts");
		assertThat(mixed.associationsBatch("contacts", "companies", "read"))
			.isEqualTo("/crm/v4/associations/contacts/companies/batch/read");
		assertThat(mixed.oauthToken()).isEqualTo("/oauth/2026-09/token");
		assertThat(mixed.owners()).isEqualTo("/crm/v3/owners");
		assertThat(ApiPaths.of("2026-09-beta").with(Api.ASSOCIATIONS, "v3").associations("contacts", "1", "deals"))
			.isEqualTo("/crm/v4/objects/contacts/1/associations/deals");
		assertThat(ApiPaths.of("2027-03").pipelines("deals")).isEqualTo("/crm/pipelines/2026-03/deals");
	}

	@Test
	void malformedVersionsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ApiPaths.of("v4"));
		assertThatIllegalArgumentException().isThrownBy(() -> ApiPaths.of("2026-13"));
		assertThatIllegalArgumentException().isThrownBy(() -> ApiPaths.of("2026-09-alpha"));
		assertThatIllegalArgumentException().isThrownBy(() -> ApiPaths.defaults().with(Api.JOURNAL, "v3"));
		assertThat(ApiPaths.valid("2026-09-beta")).isTrue();
		assertThat(ApiPaths.valid("v3")).isTrue();
	}

}
