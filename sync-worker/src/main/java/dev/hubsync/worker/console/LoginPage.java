package dev.hubsync.worker.console;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Logging in with an admin key (checked as the admin API checks it; the session keeps the
 * key's name, never the key) and logging out.
 */
@Controller
class LoginPage {

	private final ConsoleConfiguration.ConsoleKeys keys;

	LoginPage(ConsoleConfiguration.ConsoleKeys keys) {
		this.keys = keys;
	}

	@GetMapping("/console/login")
	String form(HttpServletRequest request) {
		return (ConsoleSession.caller(request) != null) ? "redirect:/console" : "console/login";
	}

	@PostMapping("/console/login")
	String logIn(@RequestParam(name = "key", defaultValue = "") String key, HttpServletRequest request, Model model) {
		@Nullable String caller = key.isEmpty() ? null : this.keys.filter().match(key);
		if (caller == null) {
			model.addAttribute("error", "That is not an admin key of this worker.");
			return "console/login";
		}
		ConsoleSession.logIn(request, caller);
		return "redirect:/console";
	}

	@PostMapping("/console/logout")
	String logOut(HttpServletRequest request) {
		ConsoleSession.logOut(request);
		return "redirect:/console/login";
	}

}
