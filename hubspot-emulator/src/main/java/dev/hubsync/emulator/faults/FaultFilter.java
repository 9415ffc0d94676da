package dev.hubsync.emulator.faults;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.hubsync.emulator.caller.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/** Applies injected faults to authenticated API calls. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class FaultFilter extends OncePerRequestFilter {

	private final Faults faults;

	private final JsonMapper json;

	FaultFilter(Faults faults, JsonMapper json) {
		this.faults = faults;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getAttribute(Caller.ATTRIBUTE) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.faults.storming()) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("status", "error");
			body.put("message", "You have reached your ten_secondly_rolling limit.");
			body.put("errorType", "RATE_LIMIT");
			body.put("correlationId", UUID.randomUUID().toString());
			body.put("policyName", "TEN_SECONDLY_ROLLING");
			body.put("groupName", "api-calls-burst:injected");
			write(response, 429, body);
			return;
		}
		Optional<Faults.Rule> rule = this.faults.match(request.getMethod(), request.getRequestURI());
		if (rule.isPresent()) {
			Long latency = rule.get().latencyMs();
			if (latency != null && latency > 0) {
				try {
					// injected latency is the point of this rule
					TimeUnit.MILLISECONDS.sleep(latency);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (Faults.fires(rule.get())) {
				int status = (rule.get().status() != null) ? rule.get().status() : 500;
				if (status == 477) {
					response.setHeader("Retry-After", "60");
				}
				if (rule.get().retryAfterSeconds() != null) {
					response.setHeader("Retry-After", String.valueOf(rule.get().retryAfterSeconds()));
				}
				if (status == 429) {
					String policy = (rule.get().policyName() != null) ? rule.get().policyName()
							: "TEN_SECONDLY_ROLLING";
					Map<String, Object> body = new LinkedHashMap<>();
					body.put("status", "error");
					body.put("message", "You have reached your " + policy.toLowerCase(java.util.Locale.ROOT)
							+ " limit. (injected fault)");
					body.put("errorType", "RATE_LIMIT");
					body.put("correlationId", UUID.randomUUID().toString());
					body.put("policyName", policy);
					write(response, 429, body);
					return;
				}
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("status", "error");
				body.put("message",
						(status == 423) ? "The record is locked; try again in a few seconds (injected fault)"
								: "Injected fault: " + status);
				body.put("correlationId", UUID.randomUUID().toString());
				body.put("category", (status == 423) ? "LOCKED" : "INTERNAL_ERROR");
				write(response, status, body);
				return;
			}
		}
		Long answerLatency = rule.map(Faults.Rule::answerLatencyMs).orElse(null);
		if (answerLatency != null && answerLatency > 0) {
			// handled now, answered later: the answer is held back whole
			ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
			chain.doFilter(request, held);
			this.faults.answerHeld();
			try {
				TimeUnit.MILLISECONDS.sleep(answerLatency);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			held.copyBodyToResponse();
			return;
		}
		chain.doFilter(request, response);
	}

	private void write(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), body);
	}

}
