package dev.hubsync.mappingservice.api;

import java.util.List;

import dev.hubsync.mapping.MappingProblem;

/**
 * An error answer.
 *
 * @param status the HTTP status
 * @param error a short code
 * @param message what went wrong
 * @param problems a mapping's problems, when that is what went wrong
 */
public record ApiError(int status, String error, String message, List<MappingProblem> problems) {
}
