package dev.hubsync.mappingservice.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin key on {@code /api/*}. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(AdminProperties properties) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(properties));
		registration.addUrlPatterns("/api/*");
		return registration;
	}

}
