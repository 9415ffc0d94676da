package dev.hubsync.publisher.capture;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import dev.hubsync.publisher.PublisherProperties;
import dev.hubsync.publisher.observability.PublisherMetrics;
import dev.hubsync.publisher.tables.CapturedTable;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Runs the capture: waits for the slot's leadership lock (standby), runs the Debezium
 * engine while it holds the lock, and goes back to standby when the engine fails (after a
 * back-off) or the lock's session is lost. Lifecycle: {@link EngineState}, changed only
 * by the supervisor thread and {@link #stop()}.
 */
public final class CaptureService implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(CaptureService.class);

	private final PublisherProperties settings;

	private final List<CapturedTable> tables;

	private final DataSource dataSource;

	private final Properties engineConfig;

	private final ChangeHandler handler;

	private final Clock clock;

	private final CountDownLatch stopping = new CountDownLatch(1);

	private final ExecutorService engineThread = Executors
		.newSingleThreadExecutor((r) -> new Thread(r, "hubsync-debezium-engine"));

	private volatile EngineState state = EngineState.STANDBY;

	private volatile @Nullable Thread supervisor;

	private volatile @Nullable DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

	private volatile @Nullable String lastFailure;

	/**
	 * Creates the service.
	 * @param settings the publisher's settings
	 * @param tables the checked tables
	 * @param dataSource the platform database (for the lock)
	 * @param engineConfig the engine's configuration
	 * @param kafka the producer
	 * @param metrics the metrics
	 * @param clock the clock
	 */
	public CaptureService(PublisherProperties settings, List<CapturedTable> tables, DataSource dataSource,
			Properties engineConfig, KafkaTemplate<String, byte[]> kafka, PublisherMetrics metrics, Clock clock) {
		this.settings = settings;
		this.tables = tables;
		this.dataSource = dataSource;
		this.engineConfig = engineConfig;
		this.clock = clock;
		this.handler = new ChangeHandler(kafka, new SyncOriginTracker(), settings.publishTimeout(), metrics, clock);
		metrics.watch(() -> state() == EngineState.RUNNING);
	}

	/**
	 * Makes the engine configuration from the settings.
	 * @param settings the settings
	 * @param tables the tables
	 * @param jdbcUrl the database URL
	 * @param user the role
	 * @param password its password
	 * @param bootstrapServers Kafka
	 * @return the configuration
	 */
	public static Properties engineConfig(PublisherProperties settings, List<CapturedTable> tables, String jdbcUrl,
			String user, String password, String bootstrapServers) {
		return EngineSettings.of(settings, tables, jdbcUrl, user, password, bootstrapServers);
	}

	/**
	 * Makes the engine configuration from the settings, with the Kafka clients' security
	 * settings (SASL, TLS) for the engine's offset store.
	 * @param settings the settings
	 * @param tables the tables
	 * @param jdbcUrl the database URL (its TLS parameters are kept)
	 * @param user the role
	 * @param password its password
	 * @param bootstrapServers Kafka
	 * @param kafkaClient the Kafka clients' properties ({@code security.*},
	 * {@code sasl.*}, {@code ssl.*} are taken)
	 * @return the configuration
	 */
	public static Properties engineConfig(PublisherProperties settings, List<CapturedTable> tables, String jdbcUrl,
			String user, String password, String bootstrapServers, java.util.Map<String, ?> kafkaClient) {
		return EngineSettings.of(settings, tables, jdbcUrl, user, password, bootstrapServers, kafkaClient);
	}

	/**
	 * Returns where the capture is.
	 * @return the state
	 */
	public EngineState state() {
		return this.state;
	}

	/**
	 * Returns why this publisher's last engine stopped, while none has streamed since:
	 * the engine's message and its root cause, such as the database refusing its
	 * certificate or Kafka the credentials. Empty once an engine streams and while
	 * another publisher holds the slot.
	 * @return the failure, if the capture is failing
	 */
	public Optional<String> lastFailure() {
		return Optional.ofNullable(this.lastFailure);
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::supervise, "hubsync-capture-supervisor");
		thread.setDaemon(true);
		this.supervisor = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.stopping.countDown();
		closeEngine();
		Thread thread = this.supervisor;
		if (thread != null) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.engineThread.shutdownNow();
		this.state = EngineState.STOPPED;
	}

	@Override
	public boolean isRunning() {
		return this.supervisor != null && this.state != EngineState.STOPPED;
	}

	private void supervise() {
		boolean waited = false;
		while (!stopped()) {
			this.state = EngineState.STANDBY;
			Optional<LeaderLock> lock = LeaderLock.tryAcquire(this.dataSource, this.settings.slotName());
			if (lock.isEmpty()) {
				this.lastFailure = null;
				if (!waited) {
					logger.info("Slot {} is captured by another publisher; standing by", this.settings.slotName());
					waited = true;
				}
				pause(this.settings.lockPollInterval());
				continue;
			}
			if (waited) {
				logger.warn("Took over slot {}: the active publisher is gone", this.settings.slotName());
				waited = false;
			}
			try (LeaderLock held = lock.get()) {
				this.state = EngineState.STARTING;
				runEngine(held);
			}
			if (!stopped()) {
				pause(this.settings.restartBackoff());
			}
		}
	}

	private void runEngine(LeaderLock lock) {
		CompletableFuture<@Nullable Throwable> done = new CompletableFuture<>();
		DebeziumEngine<RecordChangeEvent<SourceRecord>> created = DebeziumEngine
			.create(ChangeEventFormat.of(Connect.class))
			.using(this.engineConfig)
			.notifying(this.handler)
			.using((success, message, error) -> {
				if (!success) {
					logger.error("Debezium engine stopped: {}", message, error);
					this.lastFailure = describe(message, error);
				}
				done.complete(error);
			})
			.using(new DebeziumEngine.ConnectorCallback() {

				@Override
				public void taskStarted() {
					CaptureService.this.state = EngineState.RUNNING;
					CaptureService.this.lastFailure = null;
					logger.info("Capturing {} through slot {}",
							CaptureService.this.tables.stream().map(CapturedTable::qualified).toList(),
							CaptureService.this.settings.slotName());
				}

			})
			.build();
		this.engine = created;
		this.engineThread.execute(created);
		while (!stopped() && !done.isDone()) {
			if (!lock.held()) {
				logger.error("Lost the leadership lock of slot {}; stopping the engine", this.settings.slotName());
				break;
			}
			try {
				done.get(this.settings.lockPollInterval().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				// still running: check the lock again
			}
			catch (ExecutionException ex) {
				break;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		closeEngine();
		try {
			done.get(30, TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			logger.warn("Debezium engine did not report its completion", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String describe(@Nullable String message, @Nullable Throwable error) {
		String described = (message != null) ? message : "the engine failed";
		Throwable cause = error;
		while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		if (cause != null && (cause.getMessage() == null || !described.contains(cause.getMessage()))) {
			described += " (caused by " + cause + ")";
		}
		return described;
	}

	private void closeEngine() {
		DebeziumEngine<RecordChangeEvent<SourceRecord>> running = this.engine;
		this.engine = null;
		if (running == null) {
			return;
		}
		try {
			running.close();
		}
		catch (Exception ex) {
			// close() of an engine that already failed throws: it is stopped either way
			logger.debug("Closing the Debezium engine: {}", ex.getMessage());
		}
	}

	private boolean stopped() {
		return this.stopping.getCount() == 0;
	}

	private void pause(Duration duration) {
		try {
			this.stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.stopping.countDown();
		}
	}

}
