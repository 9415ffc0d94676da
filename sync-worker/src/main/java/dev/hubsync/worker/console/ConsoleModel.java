package dev.hubsync.worker.console;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shows: who is logged in and the CSRF token its forms carry.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

	@ModelAttribute("csrf")
	String csrf(HttpServletRequest request) {
		return ConsoleSession.csrfToken(request);
	}

	@ModelAttribute("caller")
	@Nullable String caller(HttpServletRequest request) {
		return ConsoleSession.caller(request);
	}

}
