package dev.hubsync.emulator.caller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.emulator.EmulatorProperties;
import org.springframework.stereotype.Component;

/**
 * App-level tokens issued by the {@code client_credentials} grant (reference
 * {@code hubspot-2026.md} §3.2): they act as the app (its writes show as
 * {@code INTEGRATION} with the app id), carry the scopes asked for, have no refresh token
 * and expire after {@code emulator.client-credentials.expires-in}. The webhooks journal
 * accepts only these.
 */
@Component
public class ClientCredentials {

	private final ClientCredentialsProperties settings;

	private final long appId;

	private final Clock clock;

	private final Map<String, Issued> issued = new ConcurrentHashMap<>();

	ClientCredentials(ClientCredentialsProperties settings, EmulatorProperties properties, Clock clock) {
		this.settings = settings;
		this.appId = properties.webhook().appId();
		this.clock = clock;
	}

	/**
	 * Issues a token when the client id and secret are the app's.
	 * @param clientId the client id sent
	 * @param clientSecret the client secret sent
	 * @param expectedSecret the app's client secret now
	 * @param scopes the scopes asked for
	 * @return the token, or empty when the client is unknown
	 */
	public Optional<Issued> issue(String clientId, String clientSecret, String expectedSecret, List<String> scopes) {
		if (!this.settings.clientId().equals(clientId) || !expectedSecret.equals(clientSecret)) {
			return Optional.empty();
		}
		Issued token = new Issued("cc-" + UUID.randomUUID(), this.appId, List.copyOf(scopes),
				this.clock.instant().plus(this.settings.expiresIn()));
		this.issued.put(token.token(), token);
		return Optional.of(token);
	}

	/**
	 * Returns the caller of an issued token still valid.
	 * @param token the bearer token
	 * @return the app caller, or empty
	 */
	public Optional<Caller> caller(String token) {
		return valid(token).map((t) -> new Caller(t.token(), null, t.appId()));
	}

	/**
	 * Returns an issued token still valid.
	 * @param token the bearer token
	 * @return the token's grant, or empty when unknown or expired
	 */
	public Optional<Issued> valid(String token) {
		Issued found = this.issued.get(token);
		if (found == null) {
			return Optional.empty();
		}
		if (!this.clock.instant().isBefore(found.expiresAt())) {
			this.issued.remove(token);
			return Optional.empty();
		}
		return Optional.of(found);
	}

	/**
	 * Returns the lifetime of issued tokens.
	 * @return the lifetime
	 */
	public Duration expiresIn() {
		return this.settings.expiresIn();
	}

	/**
	 * A token issued by the grant.
	 *
	 * @param token the access token
	 * @param appId the app it acts as
	 * @param scopes the scopes granted
	 * @param expiresAt when it stops working
	 */
	public record Issued(String token, long appId, List<String> scopes, Instant expiresAt) {
	}

}
