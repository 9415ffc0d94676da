package dev.hubsync.ingress.dedupe;

import java.util.Locale;

/** The two ways a change reaches the ingress. */
public enum DeliveryPath {

	/** HubSpot's push, {@code POST /webhooks/hubspot}. */
	WEBHOOKS,

	/** The webhooks journal, read by offset. */
	JOURNAL;

	/**
	 * Returns the other path.
	 * @return the path that did not deliver
	 */
	public DeliveryPath other() {
		return (this == WEBHOOKS) ? JOURNAL : WEBHOOKS;
	}

	/**
	 * Returns the metric tag form.
	 * @return {@code webhooks} or {@code journal}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
