package dev.hubsync.ingress.publishing;

/**
 * What a publish did.
 *
 * @param accepted events on the events topic
 * @param deadLettered malformed elements on the dead-letter topic
 */
public record PublishResult(int accepted, int deadLettered) {
}
