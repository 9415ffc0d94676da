package dev.hubsync.hubspot.transport;

import java.net.http.HttpHeaders;

/**
 * A successful (2xx) response.
 *
 * @param status the status: 200, 201, 204 or 207
 * @param headers the headers
 * @param body the body, empty for 204
 */
public record HubSpotResponse(int status, HttpHeaders headers, byte[] body) {
}
