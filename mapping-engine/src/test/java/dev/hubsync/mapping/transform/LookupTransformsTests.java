package dev.hubsync.mapping.transform;

import java.util.Map;
import java.util.UUID;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.TransformSpec;
import dev.hubsync.events.mapping.UnmappedValueRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code owner} and {@code stage} transforms, against directories held in maps.
 */
class LookupTransformsTests {

	private static final UUID ANN = UUID.fromString("00000000-0000-0000-0000-00000000000a");

	private static final UUID NOBODY = UUID.fromString("00000000-0000-0000-0000-00000000000f");

	static final OwnerDirectory OWNERS = new OwnerDirectory() {

		@Override
		public String ownerOfUser(String userKey) {
			if (userKey.equals(ANN.toString())) {
				return "41629779";
			}
			throw new ConversionFailure("user " + userKey + " has no HubSpot owner");
		}

		@Override
		public String userOfOwner(String ownerId) {
			if (ownerId.equals("41629779")) {
				return ANN.toString();
			}
			throw new ConversionFailure("owner " + ownerId + " has no product user");
		}

	};

	static final StageDirectory STAGES = new StageDirectory() {

		private final Map<String, String> ids = Map.of("New", "1", "Waiting on contact", "2", "Closed", "4");

		@Override
		public String stageId(String objectTypeId, String pipeline, String label) {
			String id = ("0-5".equals(objectTypeId) && "Support Pipeline".equals(pipeline)) ? this.ids.get(label)
					: null;
			if (id == null) {
				throw new ConversionFailure("pipeline " + pipeline + " has no stage '" + label + "'");
			}
			return id;
		}

		@Override
		public String stageLabel(String objectTypeId, String pipeline, String stageId) {
			return this.ids.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().equals(stageId))
				.map(Map.Entry::getKey)
				.findFirst()
				.orElseThrow(() -> new ConversionFailure("pipeline " + pipeline + " has no stage " + stageId));
		}

	};

	private static final Directories DIRECTORIES = new Directories(OWNERS, STAGES);

	private static Transform owner(ColumnType column) {
		return Transforms.create(TransformSpec.of("owner"), column, "0-1", DIRECTORIES);
	}

	private static Transform stage(Map<String, String> values) {
		return Transforms.create(new TransformSpec("stage", Map.of("pipeline", "Support Pipeline"), values,
				UnmappedValueRule.REJECT, null), ColumnType.TEXT, "0-5", DIRECTORIES);
	}

	@Test
	void ownerMapsAUserKeyToTheOwnerWithItsEmailAndBack() {
		Transform owner = owner(ColumnType.UUID);
		assertThat(owner.toHubSpot(ANN)).isEqualTo("41629779");
		assertThat(owner.toPlatform(" 41629779 ")).isEqualTo(ANN);
		assertThat(owner.toHubSpot(owner.toPlatform(owner.toHubSpot(ANN)))).isEqualTo("41629779");
		assertThat(owner(ColumnType.TEXT).toPlatform("41629779")).isEqualTo(ANN.toString());
	}

	@Test
	void ownerRefusesAnOwnerWithoutUserAndAUserWithoutOwnerWithTheReason() {
		Transform owner = owner(ColumnType.UUID);
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> owner.toPlatform("41629780"))
			.withMessageContaining("41629780 has no product user");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> owner.toHubSpot(NOBODY))
			.withMessageContaining("has no HubSpot owner");
	}

	@Test
	void ownersCanonicalFormIsTheOwnerIdWithoutALookup() {
		Transform owner = Transforms.create(TransformSpec.of("owner"), ColumnType.UUID);
		assertThat(owner.canonical(" 41629780")).isEqualTo("41629780");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> owner.toPlatform("41629780"))
			.withMessageContaining("no owner directory");
	}

	@Test
	void ownerNeedsAKeyColumn() {
		assertThatIllegalArgumentException().isThrownBy(() -> owner(ColumnType.TIMESTAMPTZ))
			.withMessageContaining("key column");
		assertThatIllegalArgumentException().isThrownBy(() -> Transforms.create(
				new TransformSpec("owner", Map.of("pipeline", "x"), Map.of(), UnmappedValueRule.REJECT, null),
				ColumnType.UUID))
			.withMessageContaining("has no option 'pipeline'");
	}

	@Test
	void stageMapsStatusesToStageIdsByLabelAndBack() {
		Transform stage = stage(Map.of("open", "New", "waiting", "Waiting on contact", "done", "Closed"));
		assertThat(stage.toHubSpot("open")).isEqualTo("1");
		assertThat(stage.toHubSpot("done")).isEqualTo("4");
		assertThat(stage.toPlatform("2")).isEqualTo("waiting");
		assertThat(stage.canonical(" 2 ")).isEqualTo("2");
		Transform labels = stage(Map.of());
		assertThat(labels.toHubSpot("Closed")).isEqualTo("4");
		assertThat(labels.toPlatform("4")).isEqualTo("Closed");
	}

	@Test
	void stageRefusesUnknownStatusesLabelsAndStageIds() {
		Transform stage = stage(Map.of("open", "New", "escalated", "Escalated", "waiting", "Waiting on contact"));
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> stage.toHubSpot("archived"))
			.withMessageContaining("no stage is mapped for status 'archived'");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> stage.toHubSpot("escalated"))
			.withMessageContaining("has no stage 'Escalated'");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> stage.toPlatform("99"))
			.withMessageContaining("has no stage 99");
		// a stage the portal has but the mapping does not name
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> stage.toPlatform("4"))
			.withMessageContaining("'Closed'")
			.withMessageContaining("no product status");
	}

	@Test
	void stageNeedsAPipelineAOneToOneMapAndATextColumn() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Transforms.create(TransformSpec.of("stage"), ColumnType.TEXT, "0-5", DIRECTORIES))
			.withMessageContaining("needs option 'pipeline'");
		assertThatIllegalArgumentException().isThrownBy(() -> stage(Map.of("open", "New", "new", "New")))
			.withMessageContaining("one-to-one");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Transforms.create(new TransformSpec("stage", Map.of("pipeline", "Support Pipeline"),
					Map.of(), UnmappedValueRule.REJECT, null), ColumnType.INTEGER, "0-5", DIRECTORIES))
			.withMessageContaining("text column");
	}

}
