package dev.hubsync.events.serde;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.TestResources;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldDirection;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.mapping.MatchingSpec;
import dev.hubsync.events.mapping.UnmappedValueRule;
import dev.hubsync.events.result.SyncDirection;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.events.result.SyncResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecordCodecTests {

	private final EventSerde<MappingConfig> mappings = EventSerdes.mappingConfigs();

	private final EventSerde<SyncResult> results = EventSerdes.syncResults();

	@Test
	void mappingConfigGoldenFileRoundTrips() {
		byte[] golden = TestResources.bytes("golden/mapping-config-contacts.json");
		MappingConfig config = this.mappings.deserialize("t", golden);
		assertThat(config.version()).isEqualTo(3);
		assertThat(config.fields()).hasSize(2);
		assertThat(config.fields().get(1).transform().values()).containsEntry("mql", "marketingqualifiedlead");
		assertThat(config.fields().get(1).transform().unmapped()).isEqualTo(UnmappedValueRule.REJECT);
		assertThat(config.associations().get(0).primary()).isTrue();
		assertThat(config.matching().fuzzyColumns()).containsExactly("first_name", "last_name");
		assertThat(TestResources.tree(this.mappings.serialize("t", config))).isEqualTo(TestResources.tree(golden));
	}

	@Test
	void mappingFieldsGetTheirDefaults() {
		MappingConfig config = this.mappings.deserialize("t",
				("{\"schemaVersion\":1,\"objectTypeId\":\"0-2\",\"version\":1,"
						+ "\"platformTable\":\"companies\",\"keyColumn\":\"id\",\"updatedAt\":\"2026-11-20T08:00:00Z\","
						+ "\"fields\":[{\"column\":\"name\",\"property\":\"name\"}]}")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(config.fields().get(0).direction()).isEqualTo(FieldDirection.BOTH);
		assertThat(config.fields().get(0).rule()).isEqualTo(ConflictRule.LATEST_WINS);
		assertThat(config.fields().get(0).transform().type()).isEqualTo("string");
		assertThat(config.constants()).isEmpty();
		assertThat(config.matching()).isEqualTo(MatchingSpec.EMAIL_ONLY);
	}

	@Test
	void mappingConfigNamesMissingFields() {
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> this.mappings.deserialize("t",
				("{\"schemaVersion\":1,\"version\":1,\"platformTable\":\"leads\","
						+ "\"keyColumn\":\"id\",\"updatedAt\":\"2026-11-20T08:00:00Z\"}")
					.getBytes(StandardCharsets.UTF_8)))
			.withMessage("missing required field 'objectTypeId'");
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> this.mappings.deserialize("t",
					("{\"schemaVersion\":1,\"objectTypeId\":\"0-1\",\"version\":1,"
							+ "\"platformTable\":\"leads\",\"keyColumn\":\"id\",\"updatedAt\":\"2026-11-20T08:00:00Z\","
							+ "\"fields\":[{\"property\":\"email\"}]}")
						.getBytes(StandardCharsets.UTF_8)))
			.withMessage("missing required field 'fields[].column'");
	}

	@Test
	void syncResultGoldenFileRoundTrips() {
		byte[] golden = TestResources.bytes("golden/sync-result-conflict.json");
		SyncResult result = this.results.deserialize("t", golden);
		assertThat(result.outcome()).isInstanceOfSatisfying(SyncOutcome.Conflict.class,
				(conflict) -> assertThat(conflict.conflicts().get(0).winner()).isEqualTo("hubspot"));
		byte[] written = this.results.serialize("t", result);
		assertThat(TestResources.tree(written)).isEqualTo(TestResources.tree(golden));
		assertThat(new String(written, StandardCharsets.UTF_8))
			.isEqualTo(new String(golden, StandardCharsets.UTF_8).strip());
	}

	@Test
	void aRecordWithoutFieldsIsTheVersionAlone() {
		RecordCodec<Empty> codec = new RecordCodec<>(Empty.class);
		assertThat(new String(codec.encode(new Empty()), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":1}");
		assertThat(codec.decode("{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(new Empty());
	}

	record Empty() {
	}

	@Test
	void everyOutcomeRoundTrips() {
		List<SyncOutcome> outcomes = List.of(new SyncOutcome.Applied(List.of("email", "firstname"), true),
				new SyncOutcome.Unchanged("value hash unchanged"), new SyncOutcome.Echo("app id 4242"),
				new SyncOutcome.Conflict(
						List.of(new SyncOutcome.FieldConflict("phone", "+1", null, ConflictRule.MANUAL, "none"))),
				new SyncOutcome.Parked("duplicate email"),
				new SyncOutcome.Failed("java.lang.IllegalStateException", "boom", false));
		for (SyncOutcome outcome : outcomes) {
			SyncResult result = new SyncResult("leads:1", SyncDirection.OUTBOUND, "0-1", "1", null, outcome, "corr",
					Instant.parse("2026-11-20T08:00:00Z"));
			assertThat(this.results.deserialize("t", this.results.serialize("t", result))).isEqualTo(result);
		}
	}

	@Test
	void tombstonesStayNull() {
		assertThat(this.results.serialize("t", null)).isNull();
		assertThat(this.results.deserialize("t", null)).isNull();
	}

}
