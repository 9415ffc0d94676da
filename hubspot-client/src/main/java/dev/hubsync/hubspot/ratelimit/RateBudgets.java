package dev.hubsync.hubspot.ratelimit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * Makes rate budgets: in memory for a single process, or shared through a PostgreSQL
 * table by every process that calls HubSpot for one portal (the worker's replicas, the
 * poller, {@code hubsync-ops}). Bucket4j does the token arithmetic and, for the shared
 * budget, the row locking ({@code SELECT … FOR UPDATE}); the HubSpot rules (lanes,
 * headers, daily pause) are ours.
 */
public final class RateBudgets {

	private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

	private RateBudgets() {
	}

	/**
	 * Makes a budget for this process alone.
	 * @param limits the limits
	 * @param clock the clock (its zone is ignored; the daily reset uses the limits' zone)
	 * @return the budget
	 */
	public static RateBudget inMemory(RateLimits limits, Clock clock) {
		return new BucketRateBudget(Bucket.builder().addLimit(burst(limits)).build(),
				(limits.daily() > 0) ? Bucket.builder().addLimit(daily(limits, clock)).build() : null,
				Bucket.builder().addLimit(search(limits)).build(), limits, clock);
	}

	/**
	 * Makes a budget shared through PostgreSQL. The table must exist (see
	 * {@link #createTable(DataSource, String)}).
	 * @param dataSource the database every sharing process uses
	 * @param table the table, optionally schema-qualified, e.g.
	 * {@code hubsync.rate_budget}
	 * @param portalId the portal whose limits these are
	 * @param limits the limits
	 * @param clock the clock
	 * @return the budget
	 */
	public static RateBudget shared(DataSource dataSource, String table, long portalId, RateLimits limits,
			Clock clock) {
		ProxyManager<Long> buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.table(checkTable(table))
			.build();
		return new BucketRateBudget(remote(buckets, portalId, "burst", () -> configuration(burst(limits))),
				(limits.daily() > 0) ? remote(buckets, portalId, "daily", () -> configuration(daily(limits, clock)))
						: null,
				remote(buckets, portalId, "search", () -> configuration(search(limits))), limits, clock);
	}

	/**
	 * Creates the shared budget's table unless it exists.
	 * @param dataSource the database
	 * @param table the table, optionally schema-qualified
	 */
	public static void createTable(DataSource dataSource, String table) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement
				.execute("CREATE TABLE IF NOT EXISTS " + checkTable(table) + " (id BIGINT PRIMARY KEY, state BYTEA)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create the rate budget table " + table + ": " + ex.getMessage(),
					ex);
		}
	}

	private static Bucket remote(ProxyManager<Long> buckets, long portalId, String kind,
			Supplier<BucketConfiguration> configuration) {
		long key = ((portalId * 31) + kind.hashCode()) * 1_000_003L;
		return buckets.getProxy(key, configuration);
	}

	private static BucketConfiguration configuration(Bandwidth bandwidth) {
		return BucketConfiguration.builder().addLimit(bandwidth).build();
	}

	private static Bandwidth burst(RateLimits limits) {
		return Bandwidth.builder()
			.capacity(limits.burstCapacity())
			.refillGreedy(Math.max(1, limits.burst() - limits.burstCapacity()), limits.burstWindow())
			.id("burst")
			.build();
	}

	private static Bandwidth search(RateLimits limits) {
		return Bandwidth.builder()
			.capacity(limits.searchCapacity())
			.refillGreedy(Math.max(1, limits.search() - limits.searchCapacity()), limits.searchWindow())
			.id("search")
			.build();
	}

	private static Bandwidth daily(RateLimits limits, Clock clock) {
		Instant midnight = clock.instant()
			.atZone(limits.dailyResetZone())
			.toLocalDate()
			.plusDays(1)
			.atStartOfDay(limits.dailyResetZone())
			.toInstant();
		return Bandwidth.builder()
			.capacity(limits.daily())
			.refillIntervallyAligned(limits.daily(), Duration.ofDays(1), midnight)
			.id("daily")
			.build();
	}

	private static String checkTable(String table) {
		if (!TABLE.matcher(table).matches()) {
			throw new IllegalArgumentException("not a table name: '" + table + "'");
		}
		return table;
	}

}
