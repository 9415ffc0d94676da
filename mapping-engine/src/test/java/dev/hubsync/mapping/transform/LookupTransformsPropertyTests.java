package dev.hubsync.mapping.transform;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.TransformSpec;
import dev.hubsync.events.mapping.UnmappedValueRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Properties of the {@code owner} and {@code stage} transforms over directories generated
 * from a seed (each seed a test case, so a failure names its seed): every value that
 * converts round-trips, and every value that does not is refused with a
 * {@link ConversionFailure} (never another exception, which would fail the whole record).
 * Generated with {@link Random} rather than jqwik, whose releases ask AI agents not to
 * use them (docs/testing.md; these tests were written by one).
 */
class LookupTransformsPropertyTests {

	static LongStream seeds() {
		return LongStream.range(0, 200);
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void ownerRoundTripsMatchedPairsAndRefusesTheRest(long seed) {
		Random random = new Random(seed);
		Map<UUID, String> matched = new HashMap<>();
		Map<String, String> byOwner = new HashMap<>();
		for (int i = random.nextInt(9); i > 0; i--) {
			UUID user = user(random);
			String owner = owner(random);
			if (!matched.containsKey(user) && !byOwner.containsKey(owner)) {
				matched.put(user, owner);
				byOwner.put(owner, user.toString());
			}
		}
		Transform transform = Transforms.create(TransformSpec.of("owner"), ColumnType.UUID, "0-1",
				new Directories(directory(matched, byOwner), Directories.NONE.stages()));
		String asked = owner(random);
		if (byOwner.containsKey(asked)) {
			Object key = transform.toPlatform(asked);
			assertThat(transform.toHubSpot(key)).isEqualTo(transform.canonical(asked));
		}
		else {
			assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> transform.toPlatform(asked));
		}
		UUID user = user(random);
		if (matched.containsKey(user)) {
			assertThat(transform.toPlatform(transform.toHubSpot(user))).isEqualTo(user);
		}
		else {
			assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> transform.toHubSpot(user));
		}
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void stageRoundTripsMappedStatusesAndRefusesTheRest(long seed) {
		Random random = new Random(seed);
		// the portal's stages: ids are positions, labels generated; the mapping names
		// every other label
		List<String> labels = labels(random);
		Map<String, String> ids = new LinkedHashMap<>();
		for (int i = 0; i < labels.size(); i++) {
			ids.put(labels.get(i), String.valueOf(i + 1));
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < labels.size(); i += 2) {
			values.put("s" + i, labels.get(i));
		}
		Transform transform = Transforms.create(
				new TransformSpec("stage", Map.of("pipeline", "p"), values, UnmappedValueRule.REJECT, null),
				ColumnType.TEXT, "0-5", new Directories(Directories.NONE.owners(), stages(ids)));
		String status = "s" + random.nextInt(13);
		if (values.containsKey(status)) {
			String id = transform.toHubSpot(status);
			assertThat(transform.toPlatform(id)).isEqualTo(status);
			assertThat(transform.canonical(id)).isEqualTo(id);
		}
		else {
			assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> transform.toHubSpot(status));
		}
		for (int i = 1; i < labels.size(); i += 2) {
			String unmappedStage = String.valueOf(i + 1);
			assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> transform.toPlatform(unmappedStage));
		}
		String unknownStage = String.valueOf(labels.size() + 1 + random.nextInt(5));
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> transform.toPlatform(unknownStage));
	}

	private static UUID user(Random random) {
		return new UUID(0, 1 + random.nextInt(12));
	}

	private static String owner(Random random) {
		return String.valueOf(1 + random.nextInt(30));
	}

	private static List<String> labels(Random random) {
		Set<String> labels = new LinkedHashSet<>();
		for (int i = random.nextInt(11); i > 0; i--) {
			StringBuilder label = new StringBuilder();
			for (int c = 1 + random.nextInt(12); c > 0; c--) {
				label.append((char) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(26)));
			}
			labels.add(label.toString());
		}
		return List.copyOf(labels);
	}

	private static OwnerDirectory directory(Map<UUID, String> matched, Map<String, String> byOwner) {
		return new OwnerDirectory() {

			@Override
			public String ownerOfUser(String userKey) {
				String owner = matched.get(UUID.fromString(userKey));
				if (owner == null) {
					throw new ConversionFailure("user " + userKey + " has no owner");
				}
				return owner;
			}

			@Override
			public String userOfOwner(String ownerId) {
				String key = byOwner.get(ownerId);
				if (key == null) {
					throw new ConversionFailure("owner " + ownerId + " has no user");
				}
				return key;
			}

		};
	}

	private static StageDirectory stages(Map<String, String> ids) {
		return new StageDirectory() {

			@Override
			public String stageId(String objectTypeId, String pipeline, String label) {
				String id = ids.get(label);
				if (id == null) {
					throw new ConversionFailure("no stage " + label);
				}
				return id;
			}

			@Override
			public String stageLabel(String objectTypeId, String pipeline, String stageId) {
				return ids.entrySet()
					.stream()
					.filter((entry) -> entry.getValue().equals(stageId))
					.map(Map.Entry::getKey)
					.findFirst()
					.orElseThrow(() -> new ConversionFailure("no stage " + stageId));
			}

		};
	}

}
