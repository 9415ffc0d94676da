package dev.hubsync.hubspot;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import dev.hubsync.hubspot.associations.AssociationsClient;
import dev.hubsync.hubspot.journal.JournalClient;
import dev.hubsync.hubspot.objects.BatchClient;
import dev.hubsync.hubspot.objects.ObjectsClient;
import dev.hubsync.hubspot.objects.SearchClient;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.owners.OwnersClient;
import dev.hubsync.hubspot.pipelines.PipelinesClient;
import dev.hubsync.hubspot.properties.PropertiesClient;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.ratelimit.RateBudget;
import dev.hubsync.hubspot.ratelimit.RateBudgets;
import dev.hubsync.hubspot.ratelimit.RateLimits;
import dev.hubsync.hubspot.schemas.SchemasClient;
import dev.hubsync.hubspot.transport.ApiPaths;
import dev.hubsync.hubspot.transport.CallObserver;
import dev.hubsync.hubspot.transport.HubSpotTransport;
import dev.hubsync.hubspot.transport.RetrySettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HubSpot API, one sub-client per concern. Every call takes the rate budget in this
 * client's {@link Lane} ({@link Lane#LIVE} unless {@link #withLane(Lane) chosen}), is
 * retried when transient, and fails with a typed
 * {@link dev.hubsync.hubspot.error.HubSpotException}.
 *
 * <pre>{@code
 * HubSpotClient hubspot = HubSpotClient.builder()
 *     .baseUrl(URI.create("http://localhost:8090"))
 *     .tokens(TokenProvider.of("hubsync-app-token"))
 *     .build();
 * BatchResult result = hubspot.batch().upsert("contacts", inputs);
 * }</pre>
 */
public final class HubSpotClient {

	/** HubSpot's API base URL. */
	public static final URI HUBSPOT = URI.create("https://api.hubapi.com");

	private final HubSpotTransport transport;

	private final Lane lane;

	private HubSpotClient(HubSpotTransport transport, Lane lane) {
		this.transport = transport;
		this.lane = lane;
	}

	/**
	 * Starts configuring a client.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a client sharing this one's transport and budget, calling in another lane.
	 * @param otherLane the lane
	 * @return the client
	 */
	public HubSpotClient withLane(Lane otherLane) {
		return (otherLane == this.lane) ? this : new HubSpotClient(this.transport, otherLane);
	}

	/**
	 * Returns this client's lane.
	 * @return the lane
	 */
	public Lane lane() {
		return this.lane;
	}

	/**
	 * Single-record calls.
	 * @return the objects client
	 */
	public ObjectsClient objects() {
		return new ObjectsClient(this.transport, this.lane);
	}

	/**
	 * Batch calls.
	 * @return the batch client
	 */
	public BatchClient batch() {
		return new BatchClient(this.transport, this.lane);
	}

	/**
	 * Search.
	 * @return the search client
	 */
	public SearchClient search() {
		return new SearchClient(this.transport, this.lane);
	}

	/**
	 * Properties and property groups.
	 * @return the properties client
	 */
	public PropertiesClient properties() {
		return new PropertiesClient(this.transport, this.lane);
	}

	/**
	 * Associations (v4 in the legacy family).
	 * @return the associations client
	 */
	public AssociationsClient associations() {
		return new AssociationsClient(this.transport, this.lane);
	}

	/**
	 * Owners.
	 * @return the owners client
	 */
	public OwnersClient owners() {
		return new OwnersClient(this.transport, this.lane);
	}

	/**
	 * Returns the webhooks journal's reader; this client's token must be a
	 * client-credentials token.
	 * @param variant the global or the local journal
	 * @param installPortalId for the local journal, the install's portal (or
	 * {@code null})
	 * @return the sub-client
	 */
	public JournalClient journal(JournalClient.Variant variant, @Nullable Long installPortalId) {
		return new JournalClient(this.transport, this.lane, variant, installPortalId);
	}

	/**
	 * Pipelines and their stages (read only).
	 * @return the pipelines client
	 */
	public PipelinesClient pipelines() {
		return new PipelinesClient(this.transport, this.lane);
	}

	/**
	 * Custom object schemas.
	 * @return the schemas client
	 */
	public SchemasClient schemas() {
		return new SchemasClient(this.transport, this.lane);
	}

	/**
	 * Returns the paths this client calls, in its configured API versions.
	 * @return the paths
	 */
	public ApiPaths paths() {
		return this.transport.paths();
	}

	/**
	 * Returns the shared rate budget.
	 * @return the budget
	 */
	public RateBudget budget() {
		return this.transport.budget();
	}

	/** Configures a {@link HubSpotClient}. */
	public static final class Builder {

		private URI baseUrl = HUBSPOT;

		private @Nullable TokenProvider tokens;

		private @Nullable RateBudget budget;

		private RetrySettings retry = RetrySettings.defaults();

		private Duration requestTimeout = Duration.ofSeconds(30);

		private Duration connectTimeout = Duration.ofSeconds(5);

		private Clock clock = Clock.systemUTC();

		private @Nullable JsonMapper json;

		private CallObserver observer = CallObserver.NONE;

		private @Nullable HttpClient http;

		private ApiPaths paths = ApiPaths.defaults();

		private Builder() {
		}

		/**
		 * Sets the base URL: HubSpot's by default, the emulator's in development.
		 * @param baseUrl the base URL
		 * @return this builder
		 */
		public Builder baseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Sets where access tokens come from.
		 * @param tokens the provider
		 * @return this builder
		 */
		public Builder tokens(TokenProvider tokens) {
			this.tokens = tokens;
			return this;
		}

		/**
		 * Sets the rate budget; by default one in memory with a Professional app's
		 * limits.
		 * @param budget the budget
		 * @return this builder
		 */
		public Builder budget(RateBudget budget) {
			this.budget = budget;
			return this;
		}

		/**
		 * Sets how transient failures are retried.
		 * @param retry the settings
		 * @return this builder
		 */
		public Builder retry(RetrySettings retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Sets the timeout of one attempt (30 s).
		 * @param requestTimeout the timeout
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
			return this;
		}

		/**
		 * Sets the connect timeout (5 s).
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Sets the clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Sets the JSON mapper; by default {@link HubSpotJson#newMapper()}.
		 * @param json the mapper
		 * @return this builder
		 */
		public Builder json(JsonMapper json) {
			this.json = json;
			return this;
		}

		/**
		 * Sets what sees every exchange (metrics).
		 * @param observer the observer
		 * @return this builder
		 */
		public Builder observer(CallObserver observer) {
			this.observer = observer;
			return this;
		}

		/**
		 * Sets the HTTP client; by default one is made (HTTP/2 for https).
		 * @param http the client
		 * @return this builder
		 */
		public Builder httpClient(HttpClient http) {
			this.http = http;
			return this;
		}

		/**
		 * Sets the API version of every API: {@code 2026-09} (the default) or another
		 * dated version, whose pipelines, schemas and OAuth stay at {@code 2026-03}; or
		 * {@code v3} for HubSpot's legacy numbered paths ({@code /crm/v3},
		 * {@code /crm/v4}).
		 * @param version the version
		 * @return this builder
		 * @throws IllegalArgumentException when the version is malformed
		 */
		public Builder apiVersion(String version) {
			this.paths = ApiPaths.of(version);
			return this;
		}

		/**
		 * Sets the API versions API by API.
		 * @param paths the paths
		 * @return this builder
		 */
		public Builder apiPaths(ApiPaths paths) {
			this.paths = paths;
			return this;
		}

		/**
		 * Builds the client.
		 * @return the client
		 */
		public HubSpotClient build() {
			TokenProvider provider = Objects.requireNonNull(this.tokens, "a token provider is required");
			HttpClient client = (this.http != null) ? this.http
					: HttpClient.newBuilder()
						.connectTimeout(this.connectTimeout)
						.version("https".equals(this.baseUrl.getScheme()) ? HttpClient.Version.HTTP_2
								: HttpClient.Version.HTTP_1_1)
						.build();
			RateBudget rateBudget = (this.budget != null) ? this.budget
					: RateBudgets.inMemory(RateLimits.professional(), this.clock);
			JsonMapper mapper = (this.json != null) ? this.json : HubSpotJson.newMapper();
			return new HubSpotClient(new HubSpotTransport(client, mapper, this.baseUrl, provider, rateBudget,
					this.retry, this.requestTimeout, this.clock, this.observer, this.paths), Lane.LIVE);
		}

	}

}
