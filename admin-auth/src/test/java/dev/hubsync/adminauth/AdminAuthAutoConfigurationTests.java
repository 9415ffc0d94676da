package dev.hubsync.adminauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The auto-configuration in a minimal servlet application: which keys start-up refuses,
 * and what the filter lets through and names.
 */
class AdminAuthAutoConfigurationTests {

	/** Strong keys: 44 characters, as {@code openssl rand -base64 33} makes them. */
	private static final String OPS_KEY = "q7Vn2Lx9Rk4Wc1Hs8Mz3Tb6Py0Fd5Jg2Na7Ue4Ki9Ow1";

	private static final String DEPLOY_KEY = "Zt3Gm8Qc1Xv6Lr0Bw5Hy9Ks2Dp7Fn4Ja1Ue6Ri3Oq8M=";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void refusesNoKey() {
		assertThat(failure()).contains("hubsync.admin.api-key (or hubsync.admin.api-keys.<name>) is required")
			.contains("openssl rand -base64 33");
	}

	@Test
	void refusesTheDefaultKeyNamingTheProperty() {
		String failure = failure("--hubsync.admin.api-key=dev-admin-key");
		assertThat(failure).contains("hubsync.admin.api-key is a well-known default key")
			.contains("openssl rand -base64 33")
			.doesNotContain("dev-admin-key");
	}

	@Test
	void refusesAShortKeyNamingTheProperty() {
		String key = "twenty-bytes-long-ky";
		assertThat(key).hasSize(20);
		String failure = failure("--hubsync.admin.api-key=" + key);
		assertThat(failure).contains("hubsync.admin.api-key is shorter than 32 bytes").doesNotContain(key);
	}

	@Test
	void refusesAWeakNamedKeyNamingItsProperty() {
		String failure = failure("--hubsync.admin.api-key=" + OPS_KEY, "--hubsync.admin.api-keys.ci=changeme");
		assertThat(failure).contains("hubsync.admin.api-keys.ci is a well-known default key")
			.doesNotContain("changeme");
	}

	@Test
	void refusesTwoNamesForOneKey() {
		String failure = failure("--hubsync.admin.api-keys.ops=" + OPS_KEY, "--hubsync.admin.api-keys.ci=" + OPS_KEY);
		assertThat(failure).contains("hubsync.admin.api-keys.ci and hubsync.admin.api-keys.ops are the same key")
			.doesNotContain(OPS_KEY);
	}

	@Test
	void allowWeakKeysAcceptsTheDefaultKey() throws Exception {
		try (ConfigurableApplicationContext context = start("--hubsync.admin.api-key=dev-admin-key",
				"--hubsync.admin.allow-weak-keys=true")) {
			HttpResponse<String> response = get(context, "/api/who", ApiKeyFilter.HEADER, "dev-admin-key");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(AdminProperties.ADMIN);
		}
	}

	@Test
	void namedKeysAreAcceptedAndNameTheCaller() throws Exception {
		try (ConfigurableApplicationContext context = start("--hubsync.admin.api-keys.ops=" + OPS_KEY,
				"--hubsync.admin.api-keys.deploy=" + DEPLOY_KEY)) {
			HttpResponse<String> ops = get(context, "/api/who", ApiKeyFilter.HEADER, OPS_KEY);
			assertThat(ops.statusCode()).isEqualTo(200);
			assertThat(ops.body()).isEqualTo("ops");
			HttpResponse<String> deploy = get(context, "/api/who", "Authorization", "Bearer " + DEPLOY_KEY);
			assertThat(deploy.statusCode()).isEqualTo(200);
			assertThat(deploy.body()).isEqualTo("deploy");
		}
	}

	@Test
	void aFrontEndNamesThePersonBesideTheKeyNeverInsteadOfIt() throws Exception {
		try (ConfigurableApplicationContext context = start("--hubsync.admin.api-keys.console=" + OPS_KEY)) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
					+ context.getEnvironment().getRequiredProperty("local.server.port", Integer.class) + "/api/actor"))
				.header(ApiKeyFilter.HEADER, OPS_KEY);
			assertThat(this.http
				.send(request.copy().header(ApiKeyFilter.ON_BEHALF_OF, "ops-alice").build(),
						HttpResponse.BodyHandlers.ofString())
				.body()).isEqualTo("console for ops-alice");
			assertThat(this.http
				.send(request.copy().header(ApiKeyFilter.ON_BEHALF_OF, "alice; forged=yes").build(),
						HttpResponse.BodyHandlers.ofString())
				.body()).as("not a plain name: ignored").isEqualTo("console");
			assertThat(this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body())
				.isEqualTo("console");
		}
	}

	@Test
	void aWrongKeyOrNoneGets401() throws Exception {
		try (ConfigurableApplicationContext context = start("--hubsync.admin.api-key=" + OPS_KEY)) {
			for (HttpResponse<String> response : List.of(get(context, "/api/who", ApiKeyFilter.HEADER, DEPLOY_KEY),
					get(context, "/api/who", "Authorization", "Bearer " + OPS_KEY.substring(1)),
					get(context, "/api/who", ApiKeyFilter.HEADER, ""), get(context, "/api/who", null, null))) {
				assertThat(response.statusCode()).isEqualTo(401);
				assertThat(response.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
				assertThat(response.body()).isEqualTo("{\"status\":401,\"error\":\"unauthorized\",\"message\":"
						+ "\"send the admin API key as X-HubSync-Api-Key or Authorization: Bearer\"}");
			}
			HttpResponse<String> right = get(context, "/api/who", ApiKeyFilter.HEADER, OPS_KEY);
			assertThat(right.statusCode()).isEqualTo(200);
			assertThat(right.body()).isEqualTo(AdminProperties.ADMIN);
		}
	}

	@Test
	void outsideTheApiTheCallerIsUnknown() throws Exception {
		try (ConfigurableApplicationContext context = start("--hubsync.admin.api-key=" + OPS_KEY)) {
			HttpResponse<String> response = get(context, "/open/who", null, null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(ApiKeyFilter.UNKNOWN);
		}
	}

	@Test
	void anApplicationWithoutAnAdminApiIsLeftAlone() throws Exception {
		try (ConfigurableApplicationContext context = start("--hubsync.admin.enabled=false")) {
			assertThat(context.getBeanNamesForType(FilterRegistrationBean.class)).isEmpty();
			HttpResponse<String> response = get(context, "/api/who", null, null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(ApiKeyFilter.UNKNOWN);
		}
	}

	private static ConfigurableApplicationContext start(String... settings) {
		SpringApplication application = new SpringApplication(EchoApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.setBannerMode(Banner.Mode.OFF);
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.register-shutdown-hook=false",
				"--logging.level.org.apache=WARN", "--hubsync.admin.enabled=true"));
		args.addAll(List.of(settings));
		return application.run(args.toArray(String[]::new));
	}

	/**
	 * Starts the application, expecting it to fail, and returns the exception's messages.
	 */
	private static String failure(String... settings) {
		Throwable thrown = catchThrowable(() -> start(settings).close());
		assertThat(thrown).as("start-up should fail").isNotNull();
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path, String header, String value)
			throws IOException, InterruptedException {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (header != null) {
			request.header(header, value);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A servlet on {@code /api/*} and {@code /open/*} that answers with the caller. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EchoApplication {

		@Bean
		ServletRegistrationBean<HttpServlet> echo() {
			return new ServletRegistrationBean<>(new HttpServlet() {

				@Override
				protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
					response.setContentType("text/plain");
					response.getWriter()
						.write(request.getRequestURI().endsWith("/actor") ? ApiKeyFilter.actor(request)
								: ApiKeyFilter.caller(request));
				}

			}, "/api/*", "/open/*");
		}

	}

}
