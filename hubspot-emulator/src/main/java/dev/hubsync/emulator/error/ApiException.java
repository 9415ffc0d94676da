package dev.hubsync.emulator.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A HubSpot error answer: status, category, message, and the optional parts of HubSpot's
 * body.
 */
public class ApiException extends RuntimeException {

	private final int status;

	private final String category;

	private final Map<String, Object> extra = new LinkedHashMap<>();

	/**
	 * Creates an error.
	 * @param status the HTTP status
	 * @param category HubSpot's category, e.g. {@code VALIDATION_ERROR}
	 * @param message the message
	 */
	public ApiException(int status, String category, String message) {
		super(message);
		this.status = status;
		this.category = category;
	}

	/**
	 * A 400 {@code VALIDATION_ERROR}.
	 * @param message the message
	 * @return the error
	 */
	public static ApiException validation(String message) {
		return new ApiException(400, "VALIDATION_ERROR", message);
	}

	/**
	 * A 400 {@code VALIDATION_ERROR} about property values, in HubSpot's wording.
	 * @param problems the invalid properties
	 * @return the error
	 */
	public static ApiException invalidProperties(List<PropertyProblem> problems) {
		StringBuilder message = new StringBuilder("Property values were not valid: [");
		for (int i = 0; i < problems.size(); i++) {
			PropertyProblem problem = problems.get(i);
			message.append((i > 0) ? "," : "")
				.append("{\"isValid\":false,\"message\":\"")
				.append(problem.message().replace("\\", "\\\\").replace("\"", "\\\""))
				.append("\",\"error\":\"")
				.append(problem.error())
				.append("\",\"name\":\"")
				.append(problem.name())
				.append("\"}");
		}
		ApiException exception = validation(message.append("]").toString());
		exception.with("errors",
				problems.stream()
					.map((p) -> Map.of("message", p.message(), "code", p.error(), "context",
							Map.of("propertyName", List.of(p.name()))))
					.toList());
		return exception;
	}

	/**
	 * A 404 {@code OBJECT_NOT_FOUND}.
	 * @param message the message
	 * @return the error
	 */
	public static ApiException notFound(String message) {
		return new ApiException(404, "OBJECT_NOT_FOUND", message);
	}

	/**
	 * A 409 {@code CONFLICT}.
	 * @param message the message, e.g. {@code Contact already exists. Existing ID: 512}
	 * @return the error
	 */
	public static ApiException conflict(String message) {
		return new ApiException(409, "CONFLICT", message);
	}

	/**
	 * Adds a field to the body.
	 * @param name the field
	 * @param value its value
	 * @return this error
	 */
	public ApiException with(String name, @Nullable Object value) {
		if (value != null) {
			this.extra.put(name, value);
		}
		return this;
	}

	/**
	 * Returns the HTTP status.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the category.
	 * @return the category
	 */
	public String category() {
		return this.category;
	}

	/**
	 * Returns the extra body fields.
	 * @return field name to value
	 */
	public Map<String, Object> extra() {
		return this.extra;
	}

	/**
	 * One invalid property value.
	 *
	 * @param name the property
	 * @param error HubSpot's code: {@code PROPERTY_DOESNT_EXIST}, {@code INVALID_OPTION},
	 * {@code INVALID_INTEGER}, {@code INVALID_DATE}, {@code READ_ONLY_VALUE} …
	 * @param message what is wrong
	 */
	public record PropertyProblem(String name, String error, String message) {
	}

}
