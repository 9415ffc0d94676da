package dev.hubsync.emulator.caller;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code client_credentials} grant's settings
 * ({@code emulator.client-credentials.*}); the client secret is the app's
 * ({@code emulator.webhook.client-secret}, the one that signs webhooks).
 *
 * @param clientId the app's client id
 * @param expiresIn the lifetime of a token ({@code expires_in}; not documented by
 * HubSpot, 1800 s in its example)
 */
@ConfigurationProperties("emulator.client-credentials")
public record ClientCredentialsProperties(@DefaultValue("hubsync-client-id") String clientId,
		@DefaultValue("30m") Duration expiresIn) {
}
