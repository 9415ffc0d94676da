package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldDirection;
import dev.hubsync.events.mapping.FieldMapping;
import dev.hubsync.events.mapping.RefusalPolicy;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.mapping.TransformSpec;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.PropertyHistory;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingCompiler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordMergeTests {

	private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");

	private static final Instant T2 = T1.plusSeconds(60);

	private static final Instant T3 = T1.plusSeconds(120);

	private final CompiledMapping mapping = compile();

	@Test
	void aFirstLinkCopiesEachSidesOnlyValuesAndDecidesConflictsByTime() {
		Row row = row("Ada", null, "+14155550111", T2);
		HubSpotObject contact = contact(
				Map.of("firstname", "Augusta", "lastname", "Lovelace", "phone", ""), Map.of("firstname",
						List.of(entry("Augusta", T1, "CRM_UI")), "lastname", List.of(entry("Lovelace", T3, "CRM_UI"))),
				T3);
		MergePlan plan = RecordMerge.merge(this.mapping, "k", row, contact, LinkValues.NONE,
				(property, platform, ancestor) -> ProductTime.at(T2), "4242");
		// firstname: both set, the product's (T2) is later than HubSpot's (T1)
		assertThat(plan.hubspotWrites()).containsEntry("firstname", "Ada").containsEntry("phone", "+14155550111");
		assertThat(plan.platformWrites()).containsEntry("last_name", "Lovelace").doesNotContainKey("first_name");
		assertThat(plan.ancestors()).containsEntry("firstname", "Ada")
			.containsEntry("lastname", "Lovelace")
			.containsEntry("phone", "+14155550111");
		assertThat(plan.conflicts()).singleElement().satisfies((conflict) -> {
			assertThat(conflict.field()).isEqualTo("firstname");
			assertThat(conflict.winner()).isEqualTo("platform");
		});
		// HubSpot's history is accounted for up to the record's modification time
		assertThat(plan.hubspotSeen()).containsEntry("firstname", T3);
	}

	@Test
	void aConflictWhoseProductTimeIsUnknownIsDeferredAndRecordsNothing() {
		Row row = row("Changed", "Lovelace", null, T2);
		HubSpotObject contact = contact(Map.of("firstname", "AlsoChanged", "lastname", "Lovelace", "phone", ""),
				Map.of("firstname", List.of(entry("AlsoChanged", T3, "CRM_UI"))), T3);
		LinkValues link = syncedAda(T1);
		MergePlan plan = RecordMerge.merge(this.mapping, "k", row, contact, link,
				(property, platform, ancestor) -> ProductTime.unknown(), "4242");
		assertDeferred(plan, "firstname");
		assertThat(plan.hubspotWrites()).isEmpty();
		assertThat(plan.hubspotSeen()).doesNotContainKey("firstname");
		assertThat(plan.conflicts()).isEmpty();
	}

	@Test
	void hubSpotsChangeOfAFieldTheProductSetAndIsSettingBackWaitsForTheProductsEvent() {
		// the row holds the last-synced "Ada", but this batch's change of the field set
		// "Bea" and a newer change (its event still on its way) set it back: HubSpot's
		// "Cy" is not applied yet
		Row row = row("Ada", "Lovelace", null, T2);
		HubSpotObject contact = contact(Map.of("firstname", "Cy", "lastname", "Lovelace", "phone", ""),
				Map.of("firstname", List.of(entry("Cy", T2, "CRM_UI"))), T2);
		LinkValues link = syncedAda(T1);
		MergePlan plan = RecordMerge.merge(this.mapping, "k", row, contact, link, (property, platform,
				ancestor) -> property.equals("firstname") ? ProductTime.pending() : ProductTime.at(null), "4242");
		assertDeferred(plan, "firstname");
		// without the old row the change event may not have changed the field at all:
		// HubSpot's change alone is applied, as it is with the product's time known (no
		// change of the field in the batch)
		assertThat(RecordMerge
			.merge(this.mapping, "k", row, contact, link, (property, platform, ancestor) -> ProductTime.unknown(),
					"4242")
			.platformWrites()).containsEntry("first_name", "Cy");
		MergePlan known = RecordMerge.merge(this.mapping, "k", row, contact, link,
				(property, platform, ancestor) -> ProductTime.at(null), "4242");
		assertThat(known.platformWrites()).containsEntry("first_name", "Cy");
	}

	@Test
	void hubSpotEditsEndingWhereTheyBeganAreJudgedAgainstTheLaterOfTheWritesKeptTimeAndTheRows() {
		// seen at T1 holding "Ada"; a user set "Cy" and "Ada" again (T1+20 s, T1+40 s),
		// and the sync then wrote the product's "Bea" (T2), whose kept time is an
		// earlier change to the same value (T1+10 s: the row was set away and back
		// since, its updated_at T1+50 s)
		Instant cy = T1.plusSeconds(20);
		Instant back = T1.plusSeconds(40);
		HubSpotObject contact = contact(Map.of("firstname", "Bea", "lastname", "Lovelace", "phone", ""),
				Map.of("firstname", List.of(entry("Bea", T2, "INTEGRATION"), entry("Ada", back, "CRM_UI"),
						entry("Cy", cy, "CRM_UI"), entry("Ada", T1, "CRM_UI"))),
				T2);
		Map<String, Instant> kept = new LinkedHashMap<>();
		LinkValues.keep(kept, "firstname", "Bea", T1.plusSeconds(10));
		LinkValues link = new LinkValues(Map.of("firstname", "Bea", "lastname", "Lovelace", "phone", ""), kept,
				Map.of("firstname", T1));
		// the row's own change after the user's edits: they are no change of HubSpot's
		MergePlan plan = RecordMerge.merge(this.mapping, "k", row("Bea", "Lovelace", null, T1.plusSeconds(50)), contact,
				link, (property, platform, ancestor) -> ProductTime.at(T1.plusSeconds(10)), "4242");
		assertThat(plan.platformWrites()).doesNotContainKey("first_name");
		// the row unchanged since the kept change, before the user's: the user's "Ada" is
		// the later change, overwritten by our write, and recovered
		MergePlan later = RecordMerge.merge(this.mapping, "k", row("Bea", "Lovelace", null, T1.plusSeconds(10)),
				contact, link, (property, platform, ancestor) -> ProductTime.at(T1.plusSeconds(10)), "4242");
		assertThat(later.platformWrites()).containsEntry("first_name", "Ada");
	}

	@Test
	void anEditOverwrittenByTheSyncsWriteIsRecoveredOnBothSides() {
		// the sync wrote "Ada" (its own app, at T3) over a user's "Augusta" (T2); the
		// link had seen HubSpot up to T1 and holds "Ada" as last synced
		Row row = row("Ada", "Lovelace", null, T1);
		HubSpotObject contact = contact(Map.of("firstname", "Ada", "lastname", "Lovelace", "phone", ""),
				Map.of("firstname", List.of(entry("Ada", T3, "INTEGRATION"), entry("Augusta", T2, "CRM_UI"))), T3);
		LinkValues link = syncedAda(T1);
		MergePlan plan = RecordMerge.merge(this.mapping, "k", row, contact, link,
				(property, platform, ancestor) -> ProductTime.at(null), "4242");
		assertThat(plan.platformWrites()).containsEntry("first_name", "Augusta");
		assertThat(plan.hubspotWrites()).containsEntry("firstname", "Augusta");
		assertThat(plan.fields()).filteredOn((result) -> result.field().property().equals("firstname"))
			.singleElement()
			.satisfies((result) -> assertThat(result.overwritten()).isTrue());
	}

	@Test
	void aReadWithoutHistoryAccountsOnlyForWhatItSawChange() {
		// firstname equals the last-synced value: it may be a write of ours covering an
		// edit nobody examined, so its history is not taken as accounted for; lastname
		// changed, and the merge accounts for it
		Row row = row("Ada", "Lovelace", null, T1);
		HubSpotObject contact = new HubSpotObject("1",
				new LinkedHashMap<>(Map.of("firstname", "Ada", "lastname", "Byron", "phone", "")), null, null, T3,
				false, null, null);
		LinkValues link = syncedAda(T1);
		MergePlan plan = RecordMerge.merge(this.mapping, "k", row, contact, link,
				(property, platform, ancestor) -> ProductTime.at(null), "4242");
		assertThat(plan.hubspotSeen()).doesNotContainKey("firstname").containsEntry("lastname", T3);
		assertThat(plan.platformWrites()).containsEntry("last_name", "Byron");
	}

	@Test
	void aConflictReadWithoutHistoryAsksForIt() {
		Row row = row("Changed", "Lovelace", null, T2);
		HubSpotObject contact = new HubSpotObject("1",
				new LinkedHashMap<>(Map.of("firstname", "AlsoChanged", "lastname", "Lovelace", "phone", "")), null,
				null, T3, false, null, null);
		LinkValues link = syncedAda(null);
		MergePlan plan = RecordMerge.merge(this.mapping, "k", row, contact, link,
				(property, platform, ancestor) -> ProductTime.at(T2), "4242");
		assertThat(plan.needsHistory()).containsExactly("firstname");
	}

	@Test
	void aWriteOfOursNeverRecordedIsNotTakenForHubSpotsChange() {
		// the sync wrote the product's "Adeline" (T2) and failed before recording it; the
		// product went back to "Ada", the last-synced value, before the retry
		Row row = row("Ada", "Lovelace", null, T3);
		LinkValues link = syncedAda(T1);
		HubSpotObject withoutHistory = new HubSpotObject("1",
				new LinkedHashMap<>(Map.of("firstname", "Adeline", "lastname", "Lovelace", "phone", "")), null, null,
				T2, false, null, null);
		MergePlan first = RecordMerge.merge(this.mapping, "k", row, withoutHistory, link,
				(property, platform, ancestor) -> ProductTime.at(T3), "4242");
		assertThat(first.needsHistory()).containsExactly("firstname");
		HubSpotObject withHistory = contact(Map.of("firstname", "Adeline", "lastname", "Lovelace", "phone", ""),
				Map.of("firstname", List.of(entry("Adeline", T2, "INTEGRATION"), entry("Ada", T1, "CRM_UI"))), T2);
		MergePlan plan = RecordMerge.merge(this.mapping, "k", row, withHistory, link,
				(property, platform, ancestor) -> ProductTime.at(T3), "4242");
		assertThat(plan.needsHistory()).isEmpty();
		assertThat(plan.platformWrites()).doesNotContainKey("first_name");
		assertThat(plan.hubspotWrites()).containsEntry("firstname", "Ada");
	}

	@Test
	void aHubSpotSetBackToTheLastSyncedValueAfterTheProductsChangeIsReadFromTheHistoryAndWins() {
		// the product set "Bea" at T2; a HubSpot user set "Cy" before it and "Ada" (the
		// last-synced value) back after it, at T3; the sync had seen HubSpot up to T1
		// (chaos seed 42, CI)
		Row row = row("Bea", "Lovelace", null, T2);
		LinkValues link = syncedAda(T1);
		ProductTime.Source productsEvent = (property, platform, ancestor) -> property.equals("firstname")
				? ProductTime.touched(T2) : ProductTime.at(null);
		HubSpotObject withoutHistory = new HubSpotObject("1",
				new LinkedHashMap<>(Map.of("firstname", "Ada", "lastname", "Lovelace", "phone", "")), null, null, T3,
				false, null, null);
		// HubSpot holds the last-synced value, but the record changed since T1
		assertThat(
				RecordMerge.merge(this.mapping, "k", row, withoutHistory, link, productsEvent, "4242").needsHistory())
			.containsExactly("firstname");
		// not modified since: nothing to read
		HubSpotObject unmodified = new HubSpotObject("1",
				new LinkedHashMap<>(Map.of("firstname", "Ada", "lastname", "Lovelace", "phone", "")), null, null, T1,
				false, null, null);
		MergePlan quiet = RecordMerge.merge(this.mapping, "k", row, unmodified, link, productsEvent, "4242");
		assertThat(quiet.needsHistory()).isEmpty();
		assertThat(quiet.hubspotWrites()).containsEntry("firstname", "Bea");
		// the product's change after the record's last modification (a record the sync
		// wrote before the product's change, say): no set-back can be the later change,
		// and the history is not read
		assertThat(
				RecordMerge
					.merge(this.mapping, "k", row, withoutHistory, link,
							(property, platform, ancestor) -> property.equals("firstname")
									? ProductTime.touched(T3.plusMillis(1)) : ProductTime.at(null),
							"4242")
					.needsHistory())
			.isEmpty();
		// the product's time unknown: read whenever the record changed
		assertThat(RecordMerge
			.merge(this.mapping, "k", row, withoutHistory, link, (property, platform,
					ancestor) -> property.equals("firstname") ? ProductTime.unknown() : ProductTime.at(null), "4242")
			.needsHistory()).containsExactly("firstname");
		// with the history, HubSpot's set-back is the later change
		HubSpotObject withHistory = contact(Map.of("firstname", "Ada", "lastname", "Lovelace", "phone", ""),
				Map.of("firstname", List.of(entry("Ada", T3, "CRM_UI"), entry("Cy", T1.plusSeconds(30), "CRM_UI"),
						entry("Ada", T1, "CRM_UI"))),
				T3);
		MergePlan plan = RecordMerge.merge(this.mapping, "k", row, withHistory, link, productsEvent, "4242");
		assertThat(plan.needsHistory()).isEmpty();
		assertThat(plan.platformWrites()).containsEntry("first_name", "Ada");
		assertThat(plan.hubspotWrites()).isEmpty();
		assertThat(plan.ancestors()).containsEntry("firstname", "Ada");
		assertThat(plan.conflicts()).singleElement()
			.satisfies((conflict) -> assertThat(conflict.winner()).isEqualTo("hubspot"));
		// the product's change after HubSpot's set-back: the product's value is the later
		MergePlan productLater = RecordMerge.merge(this.mapping, "k", row("Bea", "Lovelace", null, T3.plusSeconds(1)),
				withHistory, link, (property, platform, ancestor) -> property.equals("firstname")
						? ProductTime.touched(T3.plusSeconds(1)) : ProductTime.at(null),
				"4242");
		assertThat(productLater.hubspotWrites()).containsEntry("firstname", "Bea");
		assertThat(productLater.platformWrites()).isEmpty();
		// the product's time not known yet (the inbound direction before the event): the
		// field waits for the product's event, its history not accounted for
		MergePlan unknown = RecordMerge.merge(
				this.mapping, "k", row, withHistory, link, (property, platform,
						ancestor) -> property.equals("firstname") ? ProductTime.unknown() : ProductTime.at(null),
				"4242");
		assertDeferred(unknown, "firstname");
		assertThat(unknown.hubspotSeen()).doesNotContainKey("firstname");
	}

	@Test
	void aValueThatDoesNotConvertIsRefusedAloneAndTheOtherFieldsAreDecided() {
		Row row = row("Adele", "x".repeat(70_000), null, T2);
		HubSpotObject contact = new HubSpotObject("1",
				new LinkedHashMap<>(Map.of("firstname", "Ada", "lastname", "Lovelace", "phone", "")), null, null, T1,
				false, null, null);
		LinkValues link = syncedAda(null);
		MergePlan plan = RecordMerge.merge(this.mapping, "k", row, contact, link,
				(property, platform, ancestor) -> ProductTime.at(T2), "4242");
		assertThat(plan.refused()).containsOnlyKeys("lastname");
		assertThat(plan.refused().get("lastname").reason()).contains("65536");
		assertThat(plan.refused().get("lastname").hubspot()).isEqualTo("Lovelace");
		assertThat(plan.hubspotWrites()).containsOnly(Map.entry("firstname", "Adele"));
		assertThat(plan.ancestors()).doesNotContainKey("lastname");
	}

	@Test
	void aFieldMappedToSetItsRecordAsideMakesAnUnconvertibleValueSetTheRecordAside() {
		MappingConfig config = new MappingConfig("0-1", 1, "public.leads", "id", "updated_at", null,
				List.of(field("first_name", "firstname"),
						new FieldMapping("last_name", "lastname", FieldDirection.BOTH, ConflictRule.LATEST_WINS,
								TransformSpec.of("string"), RefusalPolicy.SET_ASIDE_RECORD),
						field("phone", "phone")),
				Map.of(), List.of(), null, T1, "test");
		CompiledMapping strict = MappingCompiler.compile(config,
				Map.of("id", ColumnType.TEXT, "first_name", ColumnType.TEXT, "last_name", ColumnType.TEXT, "phone",
						ColumnType.TEXT, "updated_at", ColumnType.TIMESTAMPTZ));
		Row row = row("Adele", "x".repeat(70_000), null, T2);
		HubSpotObject contact = new HubSpotObject("1",
				new LinkedHashMap<>(Map.of("firstname", "Ada", "lastname", "Lovelace", "phone", "")), null, null, T1,
				false, null, null);
		LinkValues link = syncedAda(null);
		org.assertj.core.api.Assertions.assertThatExceptionOfType(dev.hubsync.mapping.ValueConversionException.class)
			.isThrownBy(() -> RecordMerge.merge(strict, "k", row, contact, link,
					(property, platform, ancestor) -> ProductTime.at(T2), "4242"))
			.withMessageContaining("65536");
	}

	private static PropertyHistory entry(String value, Instant at, String source) {
		return new PropertyHistory(value, at, source, source.equals("INTEGRATION") ? "4242" : "userId:1", null, null);
	}

	private static HubSpotObject contact(Map<String, String> properties, Map<String, List<PropertyHistory>> history,
			Instant updatedAt) {
		Map<String, List<PropertyHistory>> all = new LinkedHashMap<>(history);
		return new HubSpotObject("1", new LinkedHashMap<>(properties), all, T1, updatedAt, false, null, null);
	}

	private static Row row(String first, String last, String phone, Instant updatedAt) {
		return Row.builder()
			.put("id", ColumnType.TEXT, "k")
			.put("first_name", ColumnType.TEXT, first)
			.put("last_name", ColumnType.TEXT, last)
			.put("phone", ColumnType.TEXT, phone)
			.put("updated_at", ColumnType.TIMESTAMPTZ, updatedAt)
			.build();
	}

	private static CompiledMapping compile() {
		MappingConfig config = new MappingConfig("0-1", 1, "public.leads", "id", "updated_at", null,
				List.of(field("first_name", "firstname"), field("last_name", "lastname"), field("phone", "phone")),
				Map.of(), List.of(), null, T1, "test");
		return MappingCompiler.compile(config, Map.of("id", ColumnType.TEXT, "first_name", ColumnType.TEXT, "last_name",
				ColumnType.TEXT, "phone", ColumnType.TEXT, "updated_at", ColumnType.TIMESTAMPTZ));
	}

	private static FieldMapping field(String column, String property) {
		return new FieldMapping(column, property, FieldDirection.BOTH, ConflictRule.LATEST_WINS,
				TransformSpec.of("string"));
	}

	/**
	 * A link whose last-synced values are Ada Lovelace without a phone, HubSpot's history
	 * accounted for up to a time (or not at all).
	 */
	private static LinkValues syncedAda(@Nullable Instant seen) {
		return new LinkValues(Map.of("firstname", "Ada", "lastname", "Lovelace", "phone", ""), Map.of(),
				(seen != null) ? Map.of("firstname", seen) : Map.of());
	}

	/** The field is left to the product's change event: nothing written or recorded. */
	private static void assertDeferred(MergePlan plan, String property) {
		assertThat(plan.deferred()).containsExactly(property);
		assertThat(plan.platformWrites()).isEmpty();
		assertThat(plan.ancestors()).doesNotContainKey(property);
	}

}
