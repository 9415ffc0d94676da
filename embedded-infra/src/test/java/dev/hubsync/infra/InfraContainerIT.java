package dev.hubsync.infra;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same checks as the embedded path, against containers, where a Docker engine exists.
 * Without one (as on CI here) the class is skipped, never failed.
 */
@Testcontainers(disabledWithoutDocker = true)
class InfraContainerIT {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer(Images.POSTGRES).withCommand("postgres", "-c",
			"wal_level=logical");

	@Container
	static final KafkaContainer kafka = new KafkaContainer(Images.KAFKA);

	@Test
	void recordProducedWithSpringKafkaIsConsumed() throws Exception {
		InfraContract.recordTravelsThroughTheBroker(kafka.getBootstrapServers());
	}

	@Test
	void logicalReplicationSlotWithPgoutputReadsAChange() throws SQLException {
		InfraContract.logicalDecodingWorks(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
	}

}
