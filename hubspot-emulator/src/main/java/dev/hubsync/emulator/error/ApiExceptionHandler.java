package dev.hubsync.emulator.error;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure into a HubSpot error body; nothing answers without JSON. */
@RestControllerAdvice
class ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Map<String, Object>> api(ApiException ex) {
		return ErrorBodies.of(ex);
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
			MissingServletRequestParameterException.class })
	ResponseEntity<Map<String, Object>> unreadable(Exception ex) {
		return ErrorBodies.of(ApiException.validation("Invalid input JSON on line 1: " + ex.getMessage()));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException ex) {
		return ErrorBodies
			.of(new ApiException(415, "VALIDATION_ERROR", "Unsupported content type: " + ex.getContentType()));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<Map<String, Object>> noPath(NoResourceFoundException ex) {
		return ErrorBodies
			.of(new ApiException(404, "OBJECT_NOT_FOUND", "Resource not found: /" + ex.getResourcePath()));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException ex) {
		return ErrorBodies
			.of(new ApiException(405, "VALIDATION_ERROR", "Method " + ex.getMethod() + " is not allowed here"));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<Map<String, Object>> unexpected(RuntimeException ex) {
		logger.error("Emulator failure", ex);
		return ErrorBodies.of(new ApiException(500, "INTERNAL_ERROR", "Internal error: " + ex));
	}

}
