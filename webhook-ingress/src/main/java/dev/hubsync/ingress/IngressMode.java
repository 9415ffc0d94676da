package dev.hubsync.ingress;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * How HubSpot's changes come in ({@code hubsync.ingress.mode}): pushed webhooks, the
 * webhooks journal read by offset (no public endpoint needed: a deployment behind a
 * firewall), or both, deduplicated, with what each missed counted.
 */
public enum IngressMode {

	/** Only {@code POST /webhooks/hubspot} (the default). */
	WEBHOOKS,

	/** Only the journal reader; the webhook endpoint is not served. */
	JOURNAL,

	/** Both, deduplicated by change key. */
	BOTH;

	/**
	 * Tells whether the webhook endpoint is served.
	 * @return whether webhooks are a way in
	 */
	public boolean webhooks() {
		return this != JOURNAL;
	}

	/**
	 * Tells whether the journal reader runs.
	 * @return whether the journal is a way in
	 */
	public boolean journal() {
		return this != WEBHOOKS;
	}

	/**
	 * Reads the mode from an environment (for conditions, before the properties bind).
	 * @param environment the environment
	 * @return the configured mode, {@link #WEBHOOKS} when unset
	 */
	public static IngressMode of(Environment environment) {
		return Binder.get(environment).bind("hubsync.ingress.mode", IngressMode.class).orElse(WEBHOOKS);
	}

}
