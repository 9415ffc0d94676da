package dev.hubsync.emulator.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The two path families the emulator serves on one store (reference
 * {@code hubspot-2026.md} §1.2): HubSpot's legacy numbered paths ({@code /crm/v3/...},
 * {@code /crm/v4/...}) and the dated ones, where the version follows the API's name
 * ({@code /crm/objects/2026-09/...}). Controllers map both; a dated path in a version the
 * emulator does not know (say {@code /crm/objects/2024-01/contacts}) matches no handler
 * and answers 404 like any unknown path.
 */
public final class ApiVersions {

	/** The dated versions served, as a path variable ({@code version}). */
	public static final String VERSION = "{version:2026-03|2026-09|2026-09-beta}";

	/** Dated CRM objects: {@code /crm/objects/{version}}. */
	public static final String OBJECTS = "/crm/objects/" + VERSION;

	/** Dated association batches and labels: {@code /crm/associations/{version}}. */
	public static final String ASSOCIATIONS = "/crm/associations/" + VERSION;

	/** Dated properties: {@code /crm/properties/{version}}. */
	public static final String PROPERTIES = "/crm/properties/" + VERSION;

	/** Dated owners: {@code /crm/owners/{version}}. */
	public static final String OWNERS = "/crm/owners/" + VERSION;

	/** Dated pipelines: {@code /crm/pipelines/{version}} (2026-03 is the latest). */
	public static final String PIPELINES = "/crm/pipelines/" + VERSION;

	/** The first version whose writes obey the portal's required-property rules (§2). */
	public static final String WRITE_VALIDATION_SINCE = "2026-09";

	private static final Pattern DATED_ASSOCIATIONS = Pattern
		.compile("/crm/objects/\\d{4}-\\d{2}(?:-beta)?(/[^/]+/[^/]+/associations(?:/.*)?)");

	private static final Pattern DATED = Pattern
		.compile("/crm/(objects|associations|properties|owners|pipelines)/\\d{4}-\\d{2}(?:-beta)?(/.*)?");

	private ApiVersions() {
	}

	/**
	 * Tells whether writes in a version obey the portal's required-on-create and
	 * conditional-required rules: {@code 2026-09} and later, never the legacy paths
	 * (which have no version variable) nor {@code 2026-03}.
	 * @param version the path's dated version, {@code null} on a legacy path
	 * @return whether the rules apply
	 */
	public static boolean enforcesWriteValidation(@Nullable String version) {
		return version != null && version.compareTo(WRITE_VALIDATION_SINCE) >= 0;
	}

	/**
	 * Tells whether a version is dated (a dated path's answer may differ from v4's, e.g.
	 * batch association archive answers 200 with a body).
	 * @param version the path's dated version, {@code null} on a legacy path
	 * @return whether it is dated
	 */
	public static boolean dated(@Nullable String version) {
		return version != null;
	}

	/**
	 * Returns a path's legacy equivalent ({@code /crm/objects/2026-09/contacts} →
	 * {@code /crm/v3/objects/contacts}, record-level associations →
	 * {@code /crm/v4/objects/...}, {@code /crm/associations/2026-09/...} →
	 * {@code /crm/v4/associations/...}); other paths unchanged. Fault rules written for
	 * legacy paths thus apply to both families.
	 * @param path a request path
	 * @return its legacy equivalent
	 */
	public static String legacy(String path) {
		Matcher associations = DATED_ASSOCIATIONS.matcher(path);
		if (associations.matches()) {
			return "/crm/v4/objects" + associations.group(1);
		}
		Matcher dated = DATED.matcher(path);
		if (!dated.matches()) {
			return path;
		}
		String rest = (dated.group(2) != null) ? dated.group(2) : "";
		return switch (dated.group(1)) {
			case "associations" -> "/crm/v4/associations" + rest;
			default -> "/crm/v3/" + dated.group(1) + rest;
		};
	}

}
