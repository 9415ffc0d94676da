package dev.hubsync.emulator.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.hubsync.emulator.EmulatorProperties;
import dev.hubsync.emulator.HubSpotEmulatorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An emulator running in this JVM, on a free port unless {@code server.port} is given, in
 * its own Spring context (configuration name {@code hubspot-emulator}).
 */
public final class HubSpotEmulator implements AutoCloseable {

	/** The user token of the default configuration. */
	public static final String USER_TOKEN = "emulator-token";

	/** The app token of the default configuration (app 4242). */
	public static final String APP_TOKEN = "hubsync-app-token";

	/** The app id of {@link #APP_TOKEN}. */
	public static final long APP_ID = 4242;

	/** The default portal id. */
	public static final long PORTAL_ID = 100000;

	/**
	 * The client id of the default configuration for HubSync's install (authorization
	 * code grant).
	 */
	public static final String INSTALL_CLIENT_ID = EmulatorProperties.OAuth.INSTALL_CLIENT_ID;

	/**
	 * The client id of the default configuration for the webhooks journal's reader
	 * (client-credentials grant).
	 */
	public static final String JOURNAL_CLIENT_ID = EmulatorProperties.OAuth.JOURNAL_CLIENT_ID;

	/**
	 * The secret of the default configuration's clients (also the default webhook signing
	 * secret).
	 */
	public static final String CLIENT_SECRET = EmulatorProperties.OAuth.DEFAULT_CLIENT_SECRET;

	private final ConfigurableApplicationContext context;

	private final URI baseUrl;

	private final EmulatorAdmin admin;

	private HubSpotEmulator(ConfigurableApplicationContext context) {
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.baseUrl = URI.create("http://127.0.0.1:" + port);
		this.admin = new EmulatorAdmin(this.baseUrl);
	}

	/**
	 * Starts an emulator.
	 * @param properties Spring Boot properties, e.g.
	 * {@code emulator.rate-limit.enabled=false}
	 * @return the running emulator
	 */
	public static HubSpotEmulator start(Map<String, ?> properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.config.name", HubSpotEmulatorApplication.CONFIG_NAME);
		defaults.put("server.port", "0");
		defaults.put("server.address", "127.0.0.1");
		defaults.put("spring.jmx.enabled", "false");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.main.log-startup-info", "false");
		defaults.putAll(properties);
		// Arguments, not default properties: they outrank any hubspot-emulator.properties
		// on the classpath.
		String[] args = defaults.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HubSpotEmulatorApplication.class)
			.properties(java.util.Map.of("spring.config.name", HubSpotEmulatorApplication.CONFIG_NAME))
			.run(args);
		return new HubSpotEmulator(context);
	}

	/**
	 * Returns the base URL: give it to a HubSpot client instead of
	 * {@code https://api.hubapi.com}.
	 * @return e.g. {@code http://127.0.0.1:41234}
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Returns the admin API's client.
	 * @return the client
	 */
	public EmulatorAdmin admin() {
		return this.admin;
	}

	/**
	 * Returns one of the emulator's beans, for tests of the emulator itself.
	 * @param <T> the type
	 * @param type the type
	 * @return the bean
	 */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
