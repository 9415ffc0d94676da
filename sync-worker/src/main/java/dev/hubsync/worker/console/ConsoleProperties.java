package dev.hubsync.worker.console;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin console ({@code hubsync.console.*}).
 *
 * @param mappingServiceUrl the mapping service, whose admin API the mappings page calls
 * with {@link #mappingServiceKey()}
 * @param mappingServiceKey the mapping service's admin key; the key of the person logged
 * in is not kept, so the console needs its own (the worker's {@code admin} key when
 * absent, as on the dev stack, where both services share it)
 * @param actuators the other services' actuator base URLs by name (e.g.
 * {@code webhook-ingress=http://localhost:9180/actuator}), whose liveness and readiness
 * the overview shows beside the worker's own
 */
@ConfigurationProperties("hubsync.console")
public record ConsoleProperties(@DefaultValue("http://localhost:8081") URI mappingServiceUrl,
		@Nullable String mappingServiceKey, @DefaultValue Map<String, URI> actuators) {

	/**
	 * Binds the properties.
	 * @param mappingServiceUrl the mapping service
	 * @param mappingServiceKey its admin key, if not the worker's
	 * @param actuators the other services' actuators by name
	 */
	public ConsoleProperties {
		actuators = Map.copyOf(actuators);
	}
}
