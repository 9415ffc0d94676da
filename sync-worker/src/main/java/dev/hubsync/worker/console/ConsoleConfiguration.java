package dev.hubsync.worker.console;

import dev.hubsync.adminauth.AdminProperties;
import dev.hubsync.adminauth.ApiKeyFilter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's beans: its filter on {@code /console/*} and the admin key check it logs
 * in with (admin-auth's, over the same keys as the admin API; the worker always has its
 * admin API, {@code hubsync.admin.enabled=true}).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

	@Bean
	FilterRegistrationBean<ConsoleFilter> consoleFilter() {
		FilterRegistrationBean<ConsoleFilter> registration = new FilterRegistrationBean<>(new ConsoleFilter());
		registration.addUrlPatterns("/console/*", "/console");
		return registration;
	}

	@Bean
	ConsoleKeys consoleKeys(AdminProperties admin) {
		return new ConsoleKeys(new ApiKeyFilter(admin));
	}

	/**
	 * The admin keys, checked as the admin API checks them.
	 *
	 * @param filter the admin API's check
	 */
	record ConsoleKeys(ApiKeyFilter filter) {

	}

}
