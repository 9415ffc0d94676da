package dev.hubsync.chaos.scaleout;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import com.sun.management.OperatingSystemMXBean;
import dev.hubsync.chaos.run.Profile;
import dev.hubsync.chaos.stack.ServiceJars;
import dev.hubsync.chaos.stack.Stack;
import dev.hubsync.chaos.stack.StackShape;
import dev.hubsync.chaos.workload.PlatformWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scale-out figures: for lifted rate limits and for a Professional app's, one stack with
 * three worker replicas, measured with 1, 2 and 3 of them running: inbound (records
 * created in HubSpot, their webhooks through the ingress, until every row exists) and
 * outbound (rows inserted in one statement, until every record is linked). Beside each
 * figure: the cores and the machine's CPU load during the measurement. On a machine with
 * few cores the replicas share them with the broker, the database, the emulator and each
 * other, so the figures measure contention as much as scale-out.
 */
public final class ScaleOut {

	private static final Logger logger = LoggerFactory.getLogger(ScaleOut.class);

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private final ServiceJars jars;

	private final Path workDirectory;

	private final int records;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Prepares the measurements.
	 * @param jars the services' jars
	 * @param workDirectory where logs go
	 * @param records records per direction and measurement
	 */
	public ScaleOut(ServiceJars jars, Path workDirectory, int records) {
		this.jars = jars;
		this.workDirectory = workDirectory;
		this.records = records;
	}

	/**
	 * Measures and renders the table.
	 * @return the table's lines (Markdown)
	 */
	public List<String> run() {
		List<String> table = new ArrayList<>();
		table.add(
				"| limits | workers | inbound records/s | CPU load | outbound records/s | CPU load | HubSpot 429s | cores |");
		table.add("|---|---|---|---|---|---|---|---|");
		for (boolean lifted : List.of(true, false)) {
			Profile profile = Profile.shortProfile();
			StackShape shape = new StackShape(1, 3, 1, false, List.of("-Xmx384m", "-XX:+UseSerialGC"),
					Duration.ofMinutes(10), profile.webhookRetrySchedule(), lifted, profile.readyTimeout(),
					this.workDirectory.resolve(lifted ? "lifted" : "professional"));
			try (Stack stack = Stack.startInfrastructure(this.jars, shape, this.json)) {
				stack.startServices();
				for (int workers = 1; workers <= 3; workers++) {
					stack.scaleWorkers(workers);
					long limitedBefore = stack.emulator().requests("app:" + Stack.APP_ID, 429, 429);
					Figure inbound = inbound(stack, "in" + workers + (lifted ? "l" : "p"));
					Figure outbound = outbound(stack, "out" + workers + (lifted ? "l" : "p"));
					long limited = stack.emulator().requests("app:" + Stack.APP_ID, 429, 429) - limitedBefore;
					String row = String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f %% | %.0f | %.0f %% | %d | %d |",
							lifted ? "lifted" : "Professional", workers, inbound.perSecond(), inbound.cpu() * 100,
							outbound.perSecond(), outbound.cpu() * 100, limited,
							Runtime.getRuntime().availableProcessors());
					logger.info("scale-out: {}", row);
					table.add(row);
				}
			}
		}
		table.add("");
		table.add("CPU load is the whole machine's during the measurement; with "
				+ Runtime.getRuntime().availableProcessors()
				+ " cores the replicas share them with Kafka, PostgreSQL, the emulator, the ingress"
				+ " and the publisher, so these figures measure contention as much as scale-out.");
		return table;
	}

	private Figure inbound(Stack stack, String tag) {
		PlatformWriter platform = new PlatformWriter(stack.platform());
		String pattern = tag + "-%@scale.example";
		return measure(() -> {
			stack.emulator()
				.seed("contacts", this.records, Map.of("email", tag + "-{n}@scale.example", "firstname", "Scale"));
		}, () -> count(platform, "SELECT count(*) FROM leads WHERE email LIKE ?", pattern));
	}

	private Figure outbound(Stack stack, String tag) {
		PlatformWriter platform = new PlatformWriter(stack.platform());
		String pattern = tag + "-%@scale.example";
		return measure(() -> {
			try (Connection connection = platform.connect();
					PreparedStatement insert = connection.prepareStatement("INSERT INTO leads (email, first_name)"
							+ " SELECT ? || '-' || g || '@scale.example', 'Scale' FROM generate_series(1, ?) g")) {
				insert.setString(1, tag);
				insert.setInt(2, this.records);
				insert.executeUpdate();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}, () -> count(platform, "SELECT count(*) FROM hubsync.link l JOIN leads d ON d.id::text = l.platform_key"
				+ " WHERE l.object_type_id = '0-1' AND d.email LIKE ?", pattern));
	}

	private Figure measure(Runnable start, LongSupplier done) {
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long began = System.nanoTime();
		start.run();
		double cpu = 0;
		int samples = 0;
		long deadline = began + TIMEOUT.toNanos();
		while (done.getAsLong() < this.records) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("not every record arrived within " + TIMEOUT);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
			double load = os.getCpuLoad();
			if (load >= 0) {
				cpu += load;
				samples++;
			}
		}
		double seconds = (System.nanoTime() - began) / 1e9;
		return new Figure(this.records / seconds, (samples > 0) ? cpu / samples : 0);
	}

	private static long count(PlatformWriter platform, String sql, String parameter) {
		try (Connection connection = platform.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
		catch (SQLException ex) {
			return 0;
		}
	}

	private record Figure(double perSecond, double cpu) {
	}

}
