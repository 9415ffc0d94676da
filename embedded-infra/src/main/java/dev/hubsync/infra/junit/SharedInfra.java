package dev.hubsync.infra.junit;

import java.util.Locale;
import java.util.UUID;

import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.demo.DemoPlatform;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.infra.postgres.PostgresServer;
import org.jspecify.annotations.Nullable;

/**
 * The broker and the PostgreSQL server shared by every test of a JVM: started on first
 * use, on free ports with temporary data, and stopped when the JVM exits. Static so that
 * Spring's {@code @DynamicPropertySource} methods can reach them.
 */
public final class SharedInfra {

	private static @Nullable KafkaBroker kafka;

	private static @Nullable PostgresServer postgres;

	private SharedInfra() {
	}

	/**
	 * Returns the shared broker, starting it on first use.
	 * @return the running broker
	 */
	public static synchronized KafkaBroker kafka() {
		if (kafka == null) {
			KafkaBroker broker = KafkaBroker.startTemporary();
			Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "hubsync-kafka-shutdown"));
			kafka = broker;
		}
		return kafka;
	}

	/**
	 * Returns the shared PostgreSQL server, starting it on first use.
	 * @return the running server
	 */
	public static synchronized PostgresServer postgres() {
		if (postgres == null) {
			PostgresServer server = PostgresServer.startTemporary();
			Runtime.getRuntime().addShutdownHook(new Thread(server::close, "hubsync-postgres-shutdown"));
			postgres = server;
		}
		return postgres;
	}

	/**
	 * Installs a fresh demo platform database on the shared server.
	 * @return the new database, named uniquely
	 */
	public static DemoDatabase newDemoDatabase() {
		return DemoPlatform.install(postgres(), uniqueName("platform"));
	}

	/**
	 * Makes a name no other test uses: for topics, consumer groups, databases.
	 * @param prefix a readable prefix, lower case
	 * @return {@code <prefix>_<random>}
	 */
	public static String uniqueName(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
	}

}
