package dev.hubsync.publisher.observability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.hubsync.publisher.PublisherProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Measures how much WAL the slot holds back, every {@code slot-lag-interval}. */
public final class SlotLagMonitor implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SlotLagMonitor.class);

	private final DataSource dataSource;

	private final PublisherProperties settings;

	private final PublisherMetrics metrics;

	private volatile ThreadPoolTaskScheduler scheduler;

	/**
	 * Creates the monitor.
	 * @param dataSource the platform database
	 * @param settings the settings
	 * @param metrics where the lag goes
	 */
	public SlotLagMonitor(DataSource dataSource, PublisherProperties settings, PublisherMetrics metrics) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.metrics = metrics;
	}

	/** Measures the lag now. */
	public void measure() {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn) FROM pg_replication_slots WHERE slot_name = ?")) {
			statement.setString(1, this.settings.slotName());
			try (ResultSet rows = statement.executeQuery()) {
				if (rows.next()) {
					this.metrics.slotLag(rows.getLong(1));
				}
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not measure the slot lag: {}", ex.getMessage());
		}
	}

	@Override
	public void start() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("hubsync-slot-lag-");
		scheduler.setDaemon(true);
		// a measurement under way finishes (one short query)
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationSeconds(5);
		scheduler.initialize();
		scheduler.scheduleWithFixedDelay(this::measure, this.settings.slotLagInterval());
		this.scheduler = scheduler;
	}

	@Override
	public void stop() {
		ThreadPoolTaskScheduler scheduler = this.scheduler;
		if (scheduler != null) {
			scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
