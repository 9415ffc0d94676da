package dev.hubsync.mappingservice.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: title and the admin key scheme. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI mappingServiceApi() {
		return new OpenAPI()
			.info(new Info().title("HubSync mapping service")
				.version("v1")
				.description("Field mappings between the platform's tables and HubSpot, versioned and published to"
						+ " hubsync.mapping.config.v1"))
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-HubSync-Api-Key")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

}
