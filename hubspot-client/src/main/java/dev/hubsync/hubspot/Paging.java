package dev.hubsync.hubspot;

import org.jspecify.annotations.Nullable;

/**
 * HubSpot's paging cursor: present on every page but the last.
 *
 * @param next the next page
 */
public record Paging(@Nullable Next next) {

	/**
	 * Returns the cursor of the next page.
	 * @param paging the paging of a page, may be {@code null}
	 * @return the {@code after} value, or {@code null} on the last page
	 */
	public static @Nullable String after(@Nullable Paging paging) {
		return (paging != null && paging.next() != null) ? paging.next().after() : null;
	}

	/**
	 * The next page.
	 *
	 * @param after the opaque cursor to pass as {@code after}
	 * @param link a ready link (deprecated by HubSpot)
	 */
	public record Next(@Nullable String after, @Nullable String link) {
	}

}
