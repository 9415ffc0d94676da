package dev.hubsync.worker.store;

import java.time.Instant;
import java.util.Map;

import dev.hubsync.events.mapping.MappingConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Records the sync's own writes of product rows as versions it accounted
 * ({@link ProductVersions}), so that a HubSpot change is not left waiting for the echo of
 * the sync's own write. A write to a row with a version the sync had not accounted yet
 * records nothing: that version's event is still to come, and may decide a field.
 */
@Component
public class OwnWrites {

	private final LinkStore links;

	private final PlatformRows rows;

	OwnWrites(LinkStore links, PlatformRows rows) {
		this.links = links;
		this.rows = rows;
	}

	/**
	 * Records a write the sync just made to a row, in the write's transaction.
	 * @param config the mapping
	 * @param objectTypeId the object type
	 * @param key the row
	 * @param changedBefore the row's change time before the write
	 * @param before what the sync had accounted of the row before the write
	 */
	public void written(MappingConfig config, String objectTypeId, String key, @Nullable Instant changedBefore,
			ProductVersions before) {
		if (config.changeTimeColumn() == null || before.unaccounted(changedBefore)) {
			return;
		}
		Instant after = this.rows.find(config, key).map((row) -> PlatformRows.changeTime(config, row)).orElse(null);
		if (after != null) {
			this.links.productSeen(objectTypeId, Map.of(key, after));
		}
	}

	/**
	 * Returns what the sync has accounted of a row.
	 * @param objectTypeId the object type
	 * @param key the row
	 * @return the versions
	 */
	public ProductVersions of(String objectTypeId, String key) {
		return this.links.productVersions(objectTypeId, java.util.List.of(key)).getOrDefault(key, ProductVersions.NONE);
	}

}
