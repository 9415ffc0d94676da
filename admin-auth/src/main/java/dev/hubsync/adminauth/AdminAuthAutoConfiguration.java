package dev.hubsync.adminauth;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The admin key on {@code /api/*} of a servlet web application that sets
 * {@code hubsync.admin.enabled=true} (an opt-in, as {@code hubsync.hubspot.enabled}: the
 * dev stack runs services without an admin API on the same class path). Start-up fails,
 * with a message naming the property at fault, when no key is set or, unless
 * {@code hubsync.admin.allow-weak-keys=true}, a key is a well-known default or shorter
 * than 32 bytes (see {@link AdminProperties#keys()}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "hubsync.admin", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(AdminProperties.class)
public class AdminAuthAutoConfiguration {

	@Bean
	FilterRegistrationBean<ApiKeyFilter> adminApiKeyFilter(AdminProperties properties) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(properties));
		registration.addUrlPatterns("/api/*");
		return registration;
	}

}
