package dev.hubsync.worker.mapping;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the worker accepts from the mapping topic ({@code hubsync.mapping.*}, the same
 * keys as the mapping service's): a mapping naming a table outside these schemas is
 * refused, as is one naming HubSync's own schema or PostgreSQL's catalogs, and a version
 * no mapping service writes (ARCHITECTURE §6; docs/security.md).
 *
 * @param allowedSchemas the schemas a mapping may name
 */
@ConfigurationProperties("hubsync.mapping")
@Validated
public record MappingTrust(@DefaultValue("public") @NotEmpty List<String> allowedSchemas) {
}
