package dev.hubsync.worker.console;

import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleFilterTests {

	private final ConsoleFilter filter = new ConsoleFilter();

	@Test
	void sendsAnAnonymousPageRequestToTheLogin() throws Exception {
		MockHttpServletResponse response = run(new MockHttpServletRequest("GET", "/console/reviews"));
		assertThat(response.getRedirectedUrl()).isEqualTo("/console/login");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void tellsHtmxWhereTheLoginIs() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console/overview/panel");
		request.addHeader("HX-Request", "true");
		MockHttpServletResponse response = run(request);
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("HX-Redirect")).isEqualTo("/console/login");
	}

	@Test
	void letsTheLoginPageAndTheStylesheetThrough() throws Exception {
		assertThat(passes(new MockHttpServletRequest("GET", "/console/login"))).isTrue();
		assertThat(passes(new MockHttpServletRequest("GET", "/console/console.css"))).isTrue();
	}

	@Test
	void refusesAFormWithoutTheSessionsToken() throws Exception {
		MockHttpServletRequest request = loggedIn("POST", "/console/pause");
		MockHttpServletResponse response = run(request);
		assertThat(response.getStatus()).isEqualTo(403);
	}

	@Test
	void refusesAFormWithAnotherToken() throws Exception {
		MockHttpServletRequest request = loggedIn("POST", "/console/pause");
		request.addParameter(ConsoleSession.CSRF_FIELD, "forged");
		assertThat(run(request).getStatus()).isEqualTo(403);
	}

	@Test
	void refusesALoginFormWithoutASession() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/console/login");
		request.addParameter("key", "dev-admin-key");
		assertThat(run(request).getStatus()).isEqualTo(403);
	}

	@Test
	void letsAFormWithTheSessionsTokenThrough() throws Exception {
		MockHttpServletRequest field = loggedIn("POST", "/console/pause");
		field.addParameter(ConsoleSession.CSRF_FIELD, ConsoleSession.csrfToken(field));
		assertThat(passes(field)).isTrue();
		MockHttpServletRequest header = loggedIn("POST", "/console/pause");
		header.addHeader(ConsoleSession.CSRF_HEADER, ConsoleSession.csrfToken(header));
		assertThat(passes(header)).isTrue();
	}

	@Test
	void loggingInGivesANewSessionIdAndToken() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/console/login");
		HttpSession before = request.getSession(true);
		String id = before.getId();
		String token = ConsoleSession.csrfToken(request);
		ConsoleSession.logIn(request, "ops");
		assertThat(request.getSession().getId()).isNotEqualTo(id);
		assertThat(ConsoleSession.csrfToken(request)).isNotEqualTo(token).hasSize(43);
		assertThat(ConsoleSession.caller(request)).isEqualTo("ops");
		ConsoleSession.logOut(request);
		assertThat(ConsoleSession.caller(request)).isNull();
	}

	private static MockHttpServletRequest loggedIn(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		ConsoleSession.logIn(request, "admin");
		return request;
	}

	private boolean passes(MockHttpServletRequest request) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		return chain.getRequest() != null;
	}

	private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
