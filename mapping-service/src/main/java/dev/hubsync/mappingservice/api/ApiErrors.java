package dev.hubsync.mappingservice.api;

import java.util.List;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.mappingservice.mappings.HubSpotUnavailableException;
import dev.hubsync.mappingservice.mappings.MappingRejectedException;
import dev.hubsync.mappingservice.store.StaleVersionException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal as JSON with a reason; a refused mapping with all its problems. */
@RestControllerAdvice
class ApiErrors {

	@ExceptionHandler
	ResponseEntity<ApiError> rejected(MappingRejectedException ex) {
		return answer(HttpStatus.BAD_REQUEST, "invalid_mapping", ex.getMessage(), ex);
	}

	@ExceptionHandler
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException ex) {
		return answer(HttpStatus.BAD_REQUEST, "unreadable_body", "the body is not a JSON mapping", null);
	}

	@ExceptionHandler
	ResponseEntity<ApiError> format(EventFormatException ex) {
		return answer(HttpStatus.BAD_REQUEST, "invalid_mapping", ex.getMessage(), null);
	}

	@ExceptionHandler
	ResponseEntity<ApiError> stale(StaleVersionException ex) {
		return answer(HttpStatus.CONFLICT, "stale_version", ex.getMessage(), null);
	}

	@ExceptionHandler
	ResponseEntity<ApiError> notFound(NotFoundException ex) {
		return answer(HttpStatus.NOT_FOUND, "not_found", ex.getMessage(), null);
	}

	@ExceptionHandler
	ResponseEntity<ApiError> hubspot(HubSpotUnavailableException ex) {
		return answer(HttpStatus.SERVICE_UNAVAILABLE, "hubspot_unavailable", ex.getMessage(), null);
	}

	private static ResponseEntity<ApiError> answer(HttpStatus status, String error, String message,
			MappingRejectedException rejected) {
		return ResponseEntity.status(status)
			.body(new ApiError(status.value(), error, message, (rejected != null) ? rejected.problems() : List.of()));
	}

	/** A resource that does not exist. */
	static final class NotFoundException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NotFoundException(String message) {
			super(message);
		}

	}

}
