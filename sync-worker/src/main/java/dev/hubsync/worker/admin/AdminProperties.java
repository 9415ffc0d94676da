package dev.hubsync.worker.admin;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The admin API's key ({@code hubsync.admin.api-key}); required.
 *
 * @param apiKey the key callers send as {@code X-HubSync-Api-Key} or
 * {@code Authorization: Bearer}
 */
@ConfigurationProperties("hubsync.admin")
@Validated
public record AdminProperties(@NotBlank String apiKey) {
}
