package dev.hubsync.hubspot.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.hubsync.events.hubspot.ObjectTypes;
import org.jspecify.annotations.Nullable;

/**
 * Every HubSpot path the client calls, in the API version configured for each API
 * (reference {@code hubspot-2026.md} §1.2). A dated version ({@code 2026-09},
 * {@code 2026-03}, {@code 2026-09-beta}) sits after the API's name
 * ({@code /crm/objects/2026-09/contacts}); {@link #LEGACY v3} means HubSpot's numbered
 * paths ({@code /crm/v3/objects/contacts}, {@code /crm/v4/...} for associations,
 * {@code /oauth/v1/token}). No other class of the client spells a path.
 *
 * <pre>{@code
 * ApiPaths paths = ApiPaths.of("2026-09");
 * paths.objectsBatch("contacts", "upsert"); // /crm/objects/2026-09/contacts/batch/upsert
 * ApiPaths.of("v3").objectsBatch("contacts", "upsert"); // /crm/v3/objects/contacts/batch/upsert
 * }</pre>
 */
public final class ApiPaths {

	/**
	 * The legacy numbered family ({@code /crm/v3}, {@code /crm/v4}, {@code /oauth/v1}).
	 */
	public static final String LEGACY = "v3";

	/** The version used unless configured otherwise. */
	public static final String DEFAULT_VERSION = "2026-09";

	/**
	 * The version of the APIs HubSpot did not move to 2026-09 (pipelines, schemas, OAuth,
	 * the webhooks journal).
	 */
	public static final String EARLIER_VERSION = "2026-03";

	/**
	 * What a version must look like: {@code v3}, or {@code YYYY-MM} with an optional
	 * {@code -beta}.
	 */
	public static final String VERSION_PATTERN = "v3|\\d{4}-(0[1-9]|1[0-2])(-beta)?";

	private static final Pattern VERSION = Pattern.compile(VERSION_PATTERN);

	private final Map<Api, String> versions;

	private ApiPaths(Map<Api, String> versions) {
		this.versions = versions;
	}

	/**
	 * Paths in the default version ({@value #DEFAULT_VERSION}, with pipelines, schemas,
	 * OAuth and the journal at {@value #EARLIER_VERSION}).
	 * @return the paths
	 */
	public static ApiPaths defaults() {
		return of(DEFAULT_VERSION);
	}

	/**
	 * Paths in one version. For a dated version the APIs HubSpot left behind (pipelines,
	 * schemas, OAuth, the journal) stay at {@value #EARLIER_VERSION}; {@link #LEGACY v3}
	 * puts every API on its numbered paths, except the journal, which has none.
	 * @param version {@code v3} or a dated version
	 * @return the paths
	 * @throws IllegalArgumentException when the version is malformed
	 */
	public static ApiPaths of(String version) {
		check(version);
		Map<Api, String> versions = new EnumMap<>(Api.class);
		for (Api api : Api.values()) {
			versions.put(api, defaultVersion(api, version));
		}
		return new ApiPaths(versions);
	}

	/**
	 * Returns these paths with one API in another version.
	 * @param api the API
	 * @param version its version, or {@code null} (blank) to keep it
	 * @return the paths
	 * @throws IllegalArgumentException when the version is malformed, or legacy for the
	 * journal
	 */
	public ApiPaths with(Api api, @Nullable String version) {
		if (version == null || version.isBlank()) {
			return this;
		}
		check(version);
		if (api == Api.JOURNAL && LEGACY.equals(version)) {
			throw new IllegalArgumentException("the webhooks journal has no legacy (v3) paths; use a dated version");
		}
		Map<Api, String> changed = new EnumMap<>(this.versions);
		changed.put(api, version);
		return new ApiPaths(changed);
	}

	/**
	 * Tells whether a version string is one this class accepts.
	 * @param version the version
	 * @return whether it is {@code v3} or {@code YYYY-MM[-beta]}
	 */
	public static boolean valid(@Nullable String version) {
		return version != null && VERSION.matcher(version).matches();
	}

	/**
	 * Returns the version an API is called in.
	 * @param api the API
	 * @return {@code v3} or a dated version
	 */
	public String version(Api api) {
		return this.versions.get(api);
	}

	/**
	 * Tells whether an API is called on its legacy numbered paths.
	 * @param api the API
	 * @return whether its version is {@code v3}
	 */
	public boolean legacy(Api api) {
		return LEGACY.equals(version(api));
	}

	/**
	 * {@code /crm/objects/{v}/{type}} or {@code /crm/v3/objects/{type}}: list and create.
	 * @param objectType the type's name or id
	 * @return the path
	 */
	public String objects(String objectType) {
		return objectsRoot() + type(objectType);
	}

	/**
	 * One record: read, update, archive.
	 * @param objectType the type
	 * @param id the record's id (or unique value)
	 * @return the path
	 */
	public String object(String objectType, String id) {
		return objects(objectType) + "/" + HubSpotRequest.segment(id);
	}

	/**
	 * A batch operation on records.
	 * @param objectType the type
	 * @param operation {@code read}, {@code create}, {@code update}, {@code upsert} or
	 * {@code archive}
	 * @return the path
	 */
	public String objectsBatch(String objectType, String operation) {
		return objects(objectType) + "/batch/" + operation;
	}

	/**
	 * Search.
	 * @param objectType the type
	 * @return the path
	 */
	public String search(String objectType) {
		return objects(objectType) + "/search";
	}

	/**
	 * Merge.
	 * @param objectType the type
	 * @return the path
	 */
	public String merge(String objectType) {
		return objects(objectType) + "/merge";
	}

	/**
	 * GDPR delete of a contact.
	 * @return the path
	 */
	public String gdprDelete() {
		return objects("contacts") + "/gdpr-delete";
	}

	/**
	 * A type's properties: list and create.
	 * @param objectType the type
	 * @return the path
	 */
	public String properties(String objectType) {
		return (legacy(Api.PROPERTIES) ? "/crm/v3/properties/" : "/crm/properties/" + version(Api.PROPERTIES) + "/")
				+ type(objectType);
	}

	/**
	 * One property.
	 * @param objectType the type
	 * @param name the property's name
	 * @return the path
	 */
	public String property(String objectType, String name) {
		return properties(objectType) + "/" + HubSpotRequest.segment(name);
	}

	/**
	 * A type's property groups.
	 * @param objectType the type
	 * @return the path
	 */
	public String propertyGroups(String objectType) {
		return properties(objectType) + "/groups";
	}

	/**
	 * A record's associations to a type: list ({@code /crm/v4/objects/...} in the legacy
	 * family, {@code /crm/objects/{v}/...} dated).
	 * @param fromType the record's type
	 * @param fromId the record
	 * @param toType the associated type
	 * @return the path
	 */
	public String associations(String fromType, String fromId, String toType) {
		String root = legacy(Api.ASSOCIATIONS) ? "/crm/v4/objects/" : "/crm/objects/" + version(Api.ASSOCIATIONS) + "/";
		return root + type(fromType) + "/" + HubSpotRequest.segment(fromId) + "/associations/" + type(toType);
	}

	/**
	 * The associations between two records: create (labelled) and remove.
	 * @param fromType the source type
	 * @param fromId the source record
	 * @param toType the target type
	 * @param toId the target record
	 * @return the path
	 */
	public String association(String fromType, String fromId, String toType, String toId) {
		return associations(fromType, fromId, toType) + "/" + HubSpotRequest.segment(toId);
	}

	/**
	 * The default (unlabelled) association between two records.
	 * @param fromType the source type
	 * @param fromId the source record
	 * @param toType the target type
	 * @param toId the target record
	 * @return the path
	 */
	public String defaultAssociation(String fromType, String fromId, String toType, String toId) {
		String root = legacy(Api.ASSOCIATIONS) ? "/crm/v4/objects/" : "/crm/objects/" + version(Api.ASSOCIATIONS) + "/";
		return root + type(fromType) + "/" + HubSpotRequest.segment(fromId) + "/associations/default/" + type(toType)
				+ "/" + HubSpotRequest.segment(toId);
	}

	/**
	 * A batch association operation.
	 * @param fromType the source type
	 * @param toType the target type
	 * @param operation {@code read}, {@code create}, {@code associate/default},
	 * {@code archive} or {@code labels/archive}
	 * @return the path
	 */
	public String associationsBatch(String fromType, String toType, String operation) {
		return associationsFrom(fromType) + "/" + type(toType) + "/batch/" + operation;
	}

	/**
	 * The root of one type's association batches and labels
	 * ({@code /crm/associations/2026-09/contacts},
	 * {@code /crm/v4/associations/contacts}): a prefix for request logs.
	 * @param fromType the source type
	 * @return the path
	 */
	public String associationsFrom(String fromType) {
		return associationsRoot() + type(fromType);
	}

	/**
	 * The association labels between two types.
	 * @param fromType the source type
	 * @param toType the target type
	 * @return the path
	 */
	public String associationLabels(String fromType, String toType) {
		return associationsRoot() + type(fromType) + "/" + type(toType) + "/labels";
	}

	/**
	 * The owners.
	 * @return the path
	 */
	public String owners() {
		return legacy(Api.OWNERS) ? "/crm/v3/owners" : "/crm/owners/" + version(Api.OWNERS);
	}

	/**
	 * One owner.
	 * @param id the owner's id
	 * @return the path
	 */
	public String owner(String id) {
		return owners() + "/" + HubSpotRequest.segment(id);
	}

	/**
	 * A type's pipelines.
	 * @param objectType the type
	 * @return the path
	 */
	public String pipelines(String objectType) {
		return (legacy(Api.PIPELINES) ? "/crm/v3/pipelines/" : "/crm/pipelines/" + version(Api.PIPELINES) + "/")
				+ type(objectType);
	}

	/**
	 * One pipeline of a type.
	 * @param objectType the type
	 * @param pipelineId the pipeline's id
	 * @return the path
	 */
	public String pipeline(String objectType, String pipelineId) {
		return pipelines(objectType) + "/" + HubSpotRequest.segment(pipelineId);
	}

	/**
	 * The custom object schemas.
	 * @return the path
	 */
	public String schemas() {
		return legacy(Api.SCHEMAS) ? "/crm/v3/schemas" : "/crm-object-schemas/" + version(Api.SCHEMAS) + "/schemas";
	}

	/**
	 * The OAuth token endpoint ({@code /oauth/v1/token} in the legacy family).
	 * @return the path
	 */
	public String oauthToken() {
		return legacy(Api.OAUTH) ? "/oauth/v1/token" : "/oauth/" + version(Api.OAUTH) + "/token";
	}

	/**
	 * A resource of the webhooks journal, e.g. {@code journal} or {@code subscriptions}.
	 * @param resource the resource
	 * @return the path, {@code /webhooks-journal/{resource}/{v}}
	 */
	public String journal(String resource) {
		return "/webhooks-journal/" + resource + "/" + version(Api.JOURNAL);
	}

	@Override
	public String toString() {
		return "ApiPaths" + this.versions;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ApiPaths paths && this.versions.equals(paths.versions);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.versions);
	}

	private String objectsRoot() {
		return legacy(Api.OBJECTS) ? "/crm/v3/objects/" : "/crm/objects/" + version(Api.OBJECTS) + "/";
	}

	private String associationsRoot() {
		return legacy(Api.ASSOCIATIONS) ? "/crm/v4/associations/"
				: "/crm/associations/" + version(Api.ASSOCIATIONS) + "/";
	}

	private static String type(String objectType) {
		return HubSpotRequest
			.segment(ObjectTypes.byPathSegment(objectType).map(ObjectTypes::pathName).orElse(objectType));
	}

	private static String defaultVersion(Api api, String version) {
		if (LEGACY.equals(version)) {
			return (api == Api.JOURNAL) ? EARLIER_VERSION : LEGACY;
		}
		return api.followsDefault() ? version : EARLIER_VERSION;
	}

	private static void check(String version) {
		if (!valid(version)) {
			throw new IllegalArgumentException(
					"HubSpot API version '" + version + "' is neither v3 nor a dated version like 2026-09");
		}
	}

	/** The APIs whose versions may differ. */
	public enum Api {

		/** CRM objects: records, batches, search, merge, GDPR delete. */
		OBJECTS(true),

		/** Properties and property groups. */
		PROPERTIES(true),

		/** Associations (v4 in the legacy family). */
		ASSOCIATIONS(true),

		/** Owners. */
		OWNERS(true),

		/** Pipelines ({@value ApiPaths#EARLIER_VERSION} with a dated default). */
		PIPELINES(false),

		/**
		 * Custom object schemas ({@value ApiPaths#EARLIER_VERSION} with a dated default).
		 */
		SCHEMAS(false),

		/** The OAuth token endpoint (v1 in the legacy family). */
		OAUTH(false),

		/** The webhooks journal (dated only). */
		JOURNAL(false);

		private final boolean followsDefault;

		Api(boolean followsDefault) {
			this.followsDefault = followsDefault;
		}

		boolean followsDefault() {
			return this.followsDefault;
		}

	}

}
