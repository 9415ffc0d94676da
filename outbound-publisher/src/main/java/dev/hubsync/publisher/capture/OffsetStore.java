package dev.hubsync.publisher.capture;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.debezium.embedded.KafkaConnectUtil;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;
import org.apache.kafka.connect.util.TopicAdmin;
import org.jspecify.annotations.Nullable;

/**
 * The engine's offsets in a Kafka topic, as Debezium's own Kafka store keeps them (same
 * converter, same topic), but owning its admin client. Debezium's store (Debezium 3.6)
 * shares an admin client it never closes, one more per engine run, and when the store
 * cannot be configured (Kafka refusing the credentials) its clean-up throws a
 * {@link NullPointerException} that hides the refusal; here {@link #stop()} closes the
 * admin client and leaves a store that was never configured alone, so the engine's error
 * is Kafka's.
 */
public final class OffsetStore extends KafkaOffsetBackingStore {

	private final AtomicReference<@Nullable SharedTopicAdmin> admin;

	private volatile boolean configured;

	/** Creates the store (Debezium instantiates it from {@code offset.storage}). */
	public OffsetStore() {
		this(new AtomicReference<>());
	}

	private OffsetStore(AtomicReference<@Nullable SharedTopicAdmin> admin) {
		super(() -> topicAdmin(admin), () -> "hubsync-publisher-offsets", KafkaConnectUtil.converterForOffsetStore());
		this.admin = admin;
	}

	private static TopicAdmin topicAdmin(AtomicReference<@Nullable SharedTopicAdmin> admin) {
		SharedTopicAdmin shared = admin.get();
		if (shared == null) {
			throw new IllegalStateException("the offset store is not configured");
		}
		return shared.topicAdmin();
	}

	@Override
	public void configure(WorkerConfig config) {
		Map<String, Object> settings = new HashMap<>(config.originals());
		settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "hubsync-publisher-offsets-admin");
		SharedTopicAdmin previous = this.admin.getAndSet(new SharedTopicAdmin(settings));
		if (previous != null) {
			previous.close();
		}
		super.configure(config);
		this.configured = true;
	}

	@Override
	public void stop() {
		try {
			if (this.configured) {
				super.stop();
			}
		}
		finally {
			SharedTopicAdmin shared = this.admin.getAndSet(null);
			if (shared != null) {
				shared.close();
			}
		}
	}

}
