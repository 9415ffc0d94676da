package dev.hubsync.events.serde;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventIdentity;
import dev.hubsync.events.TestResources;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalChangeCodecTests {

	private final LocalChangeCodec codec = new LocalChangeCodec();

	@ParameterizedTest
	@ValueSource(strings = { "golden/local-change-update.json", "golden/local-change-sync-origin-delete.json" })
	void goldenFilesRoundTrip(String path) {
		byte[] golden = TestResources.bytes(path);
		LocalChange change = this.codec.decode(golden);
		assertThat(TestResources.tree(this.codec.encode(change))).isEqualTo(TestResources.tree(golden));
	}

	@Test
	void preservesColumnTypes() {
		LocalChange change = this.codec.decode(TestResources.bytes("golden/local-change-update.json"));
		assertThat(change.key().toString()).isEqualTo("deals:6f1c2a4e-8b1d-4c3e-9f00-1a2b3c4d5e6f");
		assertThat(change.op()).isEqualTo(ChangeOp.UPDATE);
		assertThat(change.identity()).isEqualTo(new EventIdentity.LocalChange("deals", change.primaryKey(), 24518736));
		Row after = change.after();
		assertThat(after).isNotNull();
		assertThat(after.get("id")).isEqualTo(UUID.fromString("6f1c2a4e-8b1d-4c3e-9f00-1a2b3c4d5e6f"));
		assertThat(after.get("amount")).isEqualTo(new BigDecimal("1500.00"));
		assertThat(after.get("close_date")).isEqualTo(LocalDate.of(2026, 12, 31));
		assertThat(after.get("updated_at")).isEqualTo(Instant.parse("2026-11-20T08:15:30.456789Z"));
		assertThat(after.has("company_id")).isTrue();
		assertThat(after.get("company_id")).isNull();
		assertThat(after.differs(change.before(), "amount")).isTrue();
		assertThat(after.differs(change.before(), "name")).isFalse();
	}

	@Test
	void carriesTheSyncOriginFlagAndEveryColumnType() {
		LocalChange change = this.codec.decode(TestResources.bytes("golden/local-change-sync-origin-delete.json"));
		assertThat(change.syncOrigin()).isTrue();
		assertThat(change.correlationId()).isEqualTo("c0ffee00-0000-4000-8000-000000000001");
		assertThat(change.after()).isNull();
		Row before = change.current();
		assertThat(before.get("tags")).isEqualTo(Arrays.asList("vip", null, "eu"));
		assertThat(before.get("score")).isEqualTo(42L);
		assertThat(before.get("active")).isEqualTo(true);
		assertThat(before.get("ratio")).isEqualTo(0.25);
		assertThat((byte[]) before.get("photo")).containsExactly(0, 1, 2, 255);
		assertThat(before.get("extra")).isEqualTo("{\"a\": 1}");
		assertThat(before.types().get("tags")).isEqualTo(ColumnType.TEXT_ARRAY);
	}

	@Test
	void namesMissingFields() {
		String valid = TestResources.text("golden/local-change-update.json");
		for (String field : new String[] { "table", "key", "op", "txId", "lsn", "commitTime", "types" }) {
			String broken = valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+|\\{[^}]*\\}),", "");
			assertThatExceptionOfType(EventFormatException.class)
				.isThrownBy(() -> this.codec.decode(broken.getBytes(StandardCharsets.UTF_8)))
				.withMessage("missing required field '" + field + "'");
		}
	}

	@Test
	void namesTheColumnOfAValueThatDoesNotFitItsType() {
		String broken = TestResources.text("golden/local-change-update.json").replace("\"1500.00\"", "\"lots\"");
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> this.codec.decode(broken.getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("column 'amount' is not a valid decimal")
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("amount"));
	}

	@Test
	void requiresTheImageTheOperationNeeds() {
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(
					() -> new LocalChange("leads", "1", ChangeOp.CREATE, null, null, 1, 1, Instant.EPOCH, false, null))
			.withMessage("missing required field 'after'");
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(
					() -> new LocalChange("leads", "1", ChangeOp.DELETE, null, null, 1, 1, Instant.EPOCH, false, null))
			.withMessage("missing required field 'before'");
	}

	@Test
	void rowsRefuseValuesOfAnotherType() {
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> Row.builder().put("amount", ColumnType.DECIMAL, "12.5").build())
			.withMessage("column 'amount' is DECIMAL but the value is a String");
	}

}
