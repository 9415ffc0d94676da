package dev.hubsync.mapping.transform;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.TransformSpec;
import dev.hubsync.events.mapping.UnmappedValueRule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Properties of the {@code owner} and {@code stage} transforms over generated
 * directories: every value that converts round-trips, and every value that does not is
 * refused with a {@link ConversionFailure} (never another exception, which would fail the
 * whole record).
 */
class LookupTransformsPropertyTests {

	@Property(tries = 200)
	void ownerRoundTripsMatchedPairsAndRefusesTheRest(@ForAll("directory") Map<UUID, String> matched,
			@ForAll("owners") String asked, @ForAll("users") UUID user) {
		Map<String, String> byOwner = new HashMap<>();
		matched.forEach((key, owner) -> byOwner.put(owner, key.toString()));
		OwnerDirectory owners = new OwnerDirectory() {

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
		Transform transform = Transforms.create(TransformSpec.of("owner"), ColumnType.UUID, "0-1",
				new Directories(owners, Directories.NONE.stages()));
		if (byOwner.containsKey(asked)) {
			Object key = transform.toPlatform(asked);
			assertThat(transform.toHubSpot(key)).isEqualTo(transform.canonical(asked));
		}
		else {
			assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> transform.toPlatform(asked));
		}
		if (matched.containsKey(user)) {
			String owner = transform.toHubSpot(user);
			assertThat(transform.toPlatform(owner)).isEqualTo(user);
		}
		else {
			assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> transform.toHubSpot(user));
		}
	}

	@Property(tries = 200)
	void stageRoundTripsMappedStatusesAndRefusesTheRest(@ForAll("labels") List<String> labels,
			@ForAll("statuses") String status) {
		// the portal's stages: ids are positions, labels generated; the mapping names
		// every other label
		Map<String, String> ids = new LinkedHashMap<>();
		for (int i = 0; i < labels.size(); i++) {
			ids.put(labels.get(i), String.valueOf(i + 1));
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < labels.size(); i += 2) {
			values.put("s" + i, labels.get(i));
		}
		StageDirectory stages = new StageDirectory() {

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
		Transform transform = Transforms.create(
				new TransformSpec("stage", Map.of("pipeline", "p"), values, UnmappedValueRule.REJECT, null),
				ColumnType.TEXT, "0-5", new Directories(Directories.NONE.owners(), stages));
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
	}

	@Provide
	Arbitrary<Map<UUID, String>> directory() {
		return Arbitraries.maps(users(), owners())
			.ofMaxSize(8)
			.filter((map) -> map.values().stream().distinct().count() == map.size());
	}

	@Provide
	Arbitrary<UUID> users() {
		return Arbitraries.longs().between(1, 12).map((n) -> new UUID(0, n));
	}

	@Provide
	Arbitrary<String> owners() {
		return Arbitraries.longs().between(1, 30).map(String::valueOf);
	}

	@Provide
	Arbitrary<List<String>> labels() {
		return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).list().ofMaxSize(10).uniqueElements();
	}

	@Provide
	Arbitrary<String> statuses() {
		return Arbitraries.integers().between(0, 12).map((i) -> "s" + i);
	}

}
