package dev.hubsync.emulator.caller;

import org.jspecify.annotations.Nullable;

/**
 * Who made a request: a user, an app, or the emulator itself (seeding, merges).
 *
 * @param name the token (for logs: never the secret of a real portal, these are emulator
 * tokens)
 * @param userId the user, for user tokens
 * @param appId the app, for app tokens
 */
public record Caller(String name, @Nullable Long userId, @Nullable Long appId) {

	/** The emulator itself, e.g. for seeded records. */
	public static final Caller SYSTEM = new Caller("system", null, null);

	/** The request attribute holding the caller. */
	public static final String ATTRIBUTE = "dev.hubsync.emulator.caller.Caller";

	/**
	 * Returns the property-history source of this caller's writes.
	 * @return {@code INTEGRATION} for apps, {@code CRM_UI} for users, {@code IMPORT} for
	 * the system
	 */
	public String changeSource() {
		if (this.appId != null) {
			return "INTEGRATION";
		}
		return (this.userId != null) ? "CRM_UI" : "IMPORT";
	}

	/**
	 * Returns the source's detail.
	 * @return the app id, {@code userId:N}, or {@code null} for the system
	 */
	public @Nullable String sourceId() {
		if (this.appId != null) {
			return String.valueOf(this.appId);
		}
		return (this.userId != null) ? "userId:" + this.userId : null;
	}

	/**
	 * Tells whether this is an app.
	 * @return whether it has an app id
	 */
	public boolean app() {
		return this.appId != null;
	}

}
