package dev.hubsync.infra;

import org.testcontainers.utility.DockerImageName;

/** Container images of the Docker-backed test path, pinned in one place. */
public final class Images {

	/** PostgreSQL, the same major version as the embedded binaries. */
	public static final DockerImageName POSTGRES = DockerImageName.parse("postgres:17.6");

	/** Apache Kafka in KRaft mode, the same version as the embedded broker. */
	public static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.3.0");

	private Images() {
	}

}
