package dev.hubsync.events;

import dev.hubsync.events.hubspot.HubSpotRecordKey;
import dev.hubsync.events.local.LocalRecordKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeysAndTopicsTests {

	@Test
	void hubSpotRecordKeyRoundTrips() {
		HubSpotRecordKey key = HubSpotRecordKey.parse("100000:0-1:512");
		assertThat(key).isEqualTo(new HubSpotRecordKey(100000, "0-1", 512));
		assertThat(key.toString()).isEqualTo("100000:0-1:512");
	}

	@Test
	void rejectsMalformedHubSpotRecordKeys() {
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> HubSpotRecordKey.parse("100000:contacts:512"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("objectTypeId"));
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> HubSpotRecordKey.parse("100000:0-1"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("key"));
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> HubSpotRecordKey.parse("x:0-1:1"));
	}

	@Test
	void localRecordKeyKeepsColonsOfThePrimaryKey() {
		LocalRecordKey key = LocalRecordKey.parse("leads:6f1c:part");
		assertThat(key.table()).isEqualTo("leads");
		assertThat(key.primaryKey()).isEqualTo("6f1c:part");
		assertThat(key.toString()).isEqualTo("leads:6f1c:part");
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> LocalRecordKey.parse(":abc"));
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> LocalRecordKey.parse("leads:"));
	}

	@Test
	void aRowHasOneKeyWhetherItsTableIsNamedQualifiedOrNot() {
		// the publisher names a public table unqualified, a mapping's platformTable may
		// qualify it (the demo mapping's public.leads): the worker's triggers of a row
		// (hand-overs, reconcile, bulk) must land in the partition of its change events
		// (chaos seed 7: two replicas wrote one record at once)
		assertThat(new LocalRecordKey("public.leads", "6f1c")).hasToString("leads:6f1c")
			.isEqualTo(new LocalRecordKey("leads", "6f1c"));
		assertThat(new LocalRecordKey("crm.leads", "6f1c")).hasToString("crm.leads:6f1c");
	}

	@Test
	void deadLetterTopicsDeriveFromTheirInput() {
		assertThat(TopicSpec.failureTopicsOf(TopicSpec.hubSpotEvents(6))).extracting(TopicSpec::name)
			.containsExactly("hubsync.hubspot.events.v1.dlt");
		assertThat(Topics.deadLetterOf(Topics.LOCAL_CHANGES)).isEqualTo(Topics.LOCAL_CHANGES_DLT)
			.isEqualTo("hubsync.local.changes.v1.dlt");
		assertThat(Topics.originOf(Topics.LOCAL_CHANGES_DLT)).isEqualTo(Topics.LOCAL_CHANGES);
		assertThat(Topics.originOf(Topics.HUBSPOT_EVENTS_DLT)).isEqualTo(Topics.HUBSPOT_EVENTS);
		assertThat(Topics.originOf(Topics.SYNC_RESULTS)).isEqualTo(Topics.SYNC_RESULTS);
	}

	@Test
	void eventSourceHasLowerCaseWireValues() {
		assertThat(EventSource.WEBHOOK.wireValue()).isEqualTo("webhook");
		assertThat(EventSource.fromWire("replay")).isEqualTo(EventSource.REPLAY);
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> EventSource.fromWire("WEBHOOK"));
	}

}
