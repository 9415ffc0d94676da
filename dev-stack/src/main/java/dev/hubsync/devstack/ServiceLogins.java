package dev.hubsync.devstack;

import java.util.List;

import dev.hubsync.infra.demo.DemoDatabase;

/**
 * The database login of each service that uses PostgreSQL. The dev stack gives all three
 * the demo role ({@link #shared(DemoDatabase)}); {@code deploy/postgres/roles.sql} gives
 * each its own least-privilege role, as docker-compose and the Kubernetes manifests do.
 *
 * @param mapping the mapping service's login
 * @param worker the sync worker's login
 * @param publisher the outbound publisher's login
 * @param workerSettings the worker's settings that go with these roles (such as
 * {@code --hubsync.worker.grants.mapping-role=…}, the roles it grants on its own tables)
 */
public record ServiceLogins(DemoDatabase mapping, DemoDatabase worker, DemoDatabase publisher,
		List<String> workerSettings) {

	/**
	 * Logins without worker settings.
	 * @param mapping the mapping service's login
	 * @param worker the sync worker's login
	 * @param publisher the outbound publisher's login
	 */
	public ServiceLogins(DemoDatabase mapping, DemoDatabase worker, DemoDatabase publisher) {
		this(mapping, worker, publisher, List.of());
	}

	/**
	 * Every service logs in as the same role.
	 * @param platform the demo database and its role
	 * @return the logins
	 */
	public static ServiceLogins shared(DemoDatabase platform) {
		return new ServiceLogins(platform, platform, platform);
	}

}
