package dev.hubsync.emulator.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Builds HubSpot-shaped error bodies. */
public final class ErrorBodies {

	private ErrorBodies() {
	}

	/**
	 * Renders an error as HubSpot does.
	 * @param exception the error
	 * @return the response
	 */
	public static ResponseEntity<Map<String, Object>> of(ApiException exception) {
		return ResponseEntity.status(exception.status()).contentType(MediaType.APPLICATION_JSON).body(body(exception));
	}

	/**
	 * Returns the body of an error.
	 * @param exception the error
	 * @return the body
	 */
	public static Map<String, Object> body(ApiException exception) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "error");
		body.put("message", exception.getMessage());
		body.put("correlationId", UUID.randomUUID().toString());
		body.put("category", exception.category());
		body.putAll(exception.extra());
		return body;
	}

}
