package dev.hubsync.worker.directory;

import java.time.Clock;
import java.util.List;

import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.error.HubSpotAuthenticationException;
import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.pipelines.Pipeline;
import dev.hubsync.mapping.transform.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The owner and pipeline directories the worker's mappings compile with, and their
 * scheduled refresh.
 */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DirectoryConfiguration.class);

	@Bean
	Owners owners(HubSpotClient hubspot, JdbcClient jdbc, DirectoryProperties properties, Clock clock) {
		return new Owners(Owners.reading(hubspot.owners()), new UserTable(jdbc, properties.users())::read, clock,
				properties.missRefreshInterval());
	}

	@Bean
	Stages stages(HubSpotClient hubspot, DirectoryProperties properties, Clock clock) {
		return new Stages((type) -> pipelines(hubspot, type), clock, properties.missRefreshInterval());
	}

	@Bean
	Directories directories(Owners owners, Stages stages) {
		return new Directories(owners, stages);
	}

	@Bean
	Refresh directoryRefresh(Owners owners, Stages stages) {
		return new Refresh(owners, stages);
	}

	/**
	 * An object type without pipelines (HubSpot answers 400) or unknown (404) has none:
	 * its stage fields are refused with that reason. Refused credentials are not a
	 * field's fault and reach the listener's handling.
	 */
	private static List<Pipeline> pipelines(HubSpotClient hubspot, String objectTypeId) {
		try {
			return hubspot.pipelines().list(objectTypeId);
		}
		catch (HubSpotAuthenticationException ex) {
			throw ex;
		}
		catch (HubSpotClientException ex) {
			if (ex.status() == 400 || ex.status() == 404) {
				return List.of();
			}
			throw ex;
		}
	}

	/** Reads what the directories hold again every {@code refresh-interval}. */
	static final class Refresh {

		private final Owners owners;

		private final Stages stages;

		Refresh(Owners owners, Stages stages) {
			this.owners = owners;
			this.stages = stages;
		}

		@Scheduled(fixedDelayString = "${hubsync.worker.directory.refresh-interval:10m}",
				initialDelayString = "${hubsync.worker.directory.refresh-interval:10m}")
		void refresh() {
			try {
				this.owners.refreshIfRead();
				this.stages.refreshIfRead();
			}
			catch (RuntimeException ex) {
				// the cached directories stay in use; a lookup that misses reads again
				logger.warn("Could not read HubSpot's owners or pipelines, or the product's users, again: {}",
						ex.getMessage());
			}
		}

	}

}
