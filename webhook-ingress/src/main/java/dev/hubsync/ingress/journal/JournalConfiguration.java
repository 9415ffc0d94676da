package dev.hubsync.ingress.journal;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import dev.hubsync.events.TopicSpec;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.HubSpotJson;
import dev.hubsync.hubspot.journal.JournalClient;
import dev.hubsync.hubspot.oauth.ClientCredentialsTokenProvider;
import dev.hubsync.hubspot.oauth.OAuthClient;
import dev.hubsync.hubspot.transport.ApiPaths;
import dev.hubsync.ingress.IngressMode;
import dev.hubsync.ingress.IngressProperties;
import dev.hubsync.ingress.dedupe.PathDeduplicator;
import dev.hubsync.ingress.publishing.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journal reader, in modes {@code journal} and {@code both}: a HubSpot client of its
 * own whose token is a client-credentials token (the app's client id and secret), the
 * offset store, and the topics it writes.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(JournalConfiguration.OnJournal.class)
class JournalConfiguration {

	@Bean
	JournalClient journalClient(JournalProperties journal, IngressProperties ingress) {
		String clientId = journal.clientId();
		if (clientId == null || clientId.isBlank()) {
			throw new IllegalStateException("hubsync.ingress.mode=" + ingress.mode()
					+ " reads the webhooks journal: set hubsync.ingress.journal.client-id (the app's client id)");
		}
		ApiPaths paths = ApiPaths.defaults()
			.with(ApiPaths.Api.OAUTH, journal.apiVersion())
			.with(ApiPaths.Api.JOURNAL, journal.apiVersion());
		OAuthClient oauth = new OAuthClient(HttpClient.newBuilder().connectTimeout(journal.requestTimeout()).build(),
				HubSpotJson.newMapper(), journal.baseUrl(), clientId, ingress.clientSecrets().get(0),
				journal.requestTimeout(), paths);
		HubSpotClient client = HubSpotClient.builder()
			.baseUrl(journal.baseUrl())
			.tokens(new ClientCredentialsTokenProvider(oauth, ClientCredentialsTokenProvider.JOURNAL_SCOPES,
					journal.tokenRefreshBefore(), Clock.systemUTC()))
			.requestTimeout(journal.requestTimeout())
			.apiPaths(paths)
			.build();
		// the global journal holds every installing portal's events: narrowed only when
		// asked to
		Long install = (journal.variant() == JournalClient.Variant.LOCAL) ? installPortal(journal, ingress)
				: journal.installPortalId();
		return client.journal(journal.variant(), install);
	}

	@Bean
	OffsetStore journalOffsetStore(KafkaTemplate<String, byte[]> kafka, KafkaProperties kafkaProperties,
			JournalProperties journal, IngressProperties ingress, JsonMapper json) {
		Long portal = installPortal(journal, ingress);
		String key = journal.variant().resource() + ((portal != null) ? ":" + portal : "");
		return new KafkaOffsetStore(kafka, Map.copyOf(kafkaProperties.buildConsumerProperties()), key,
				ingress.publishTimeout(), json);
	}

	@Bean
	JournalReader journalReader(JournalClient client, EventPublisher publisher, PathDeduplicator dedupe,
			OffsetStore offsets, KafkaTemplate<String, byte[]> kafka, JournalProperties journal,
			IngressProperties ingress, JsonMapper json, Clock clock, MeterRegistry registry) {
		Long portal = installPortal(journal, ingress);
		return new JournalReader(client, new JournalEntryParser(json), publisher, dedupe, offsets,
				new ResyncRequests(kafka, clock, ingress.publishTimeout()), journal, ingress.publishTimeout(),
				(portal != null) ? portal : 0L, Set.copyOf(ingress.portalIds()), clock, registry);
	}

	@Bean
	KafkaAdmin.NewTopics journalTopics() {
		return new KafkaAdmin.NewTopics(newTopic(TopicSpec.journalOffsets()), newTopic(TopicSpec.syncRequests()));
	}

	private static NewTopic newTopic(TopicSpec spec) {
		return new NewTopic(spec.name(), spec.partitions(), (short) -1).configs(spec.config());
	}

	private static Long installPortal(JournalProperties journal, IngressProperties ingress) {
		if (journal.installPortalId() != null) {
			return journal.installPortalId();
		}
		if (!ingress.portalIds().isEmpty()) {
			return ingress.portalIds().get(0);
		}
		if (journal.variant() == JournalClient.Variant.LOCAL) {
			throw new IllegalStateException("the local webhooks journal needs the install's portal: set"
					+ " hubsync.ingress.journal.install-portal-id or hubsync.ingress.portal-ids");
		}
		return null;
	}

	/** Matches in modes {@code journal} and {@code both}. */
	static final class OnJournal implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return IngressMode.of(context.getEnvironment()).journal();
		}

	}

}
