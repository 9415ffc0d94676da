package dev.hubsync.events.serde;

import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.result.SyncResult;

/** The serde of each topic's value type. Serdes are stateless and may be shared. */
public final class EventSerdes {

	private EventSerdes() {
	}

	/**
	 * Returns the serde of {@link dev.hubsync.events.Topics#HUBSPOT_EVENTS}.
	 * @return the serde
	 */
	public static EventSerde<HubSpotEvent> hubSpotEvents() {
		return new EventSerde<>(new HubSpotEventCodec());
	}

	/**
	 * Returns the serde of {@link dev.hubsync.events.Topics#LOCAL_CHANGES}.
	 * @return the serde
	 */
	public static EventSerde<LocalChange> localChanges() {
		return new EventSerde<>(new LocalChangeCodec());
	}

	/**
	 * Returns the serde of {@link dev.hubsync.events.Topics#MAPPING_CONFIG}.
	 * @return the serde
	 */
	public static EventSerde<MappingConfig> mappingConfigs() {
		return new EventSerde<>(new RecordCodec<>(MappingConfig.class));
	}

	/**
	 * Returns the serde of {@link dev.hubsync.events.Topics#SYNC_RESULTS}.
	 * @return the serde
	 */
	public static EventSerde<SyncResult> syncResults() {
		return new EventSerde<>(new RecordCodec<>(SyncResult.class));
	}

}
