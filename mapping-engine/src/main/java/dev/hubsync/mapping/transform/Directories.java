package dev.hubsync.mapping.transform;

/**
 * What the {@code owner} and {@code stage} transforms look values up in: data that lives
 * in HubSpot's portal (owners, pipelines) or the product's database (users), not in the
 * mapping. The worker supplies directories that read and cache both; a process that only
 * compiles or validates mappings uses {@link #NONE}, whose lookups refuse every value.
 *
 * @param owners HubSpot owners and the product users they match
 * @param stages pipeline stages by label
 */
public record Directories(OwnerDirectory owners, StageDirectory stages) {

	/** No directories: every lookup is a {@link ConversionFailure}. */
	public static final Directories NONE = new Directories(new OwnerDirectory() {

		@Override
		public String ownerOfUser(String userKey) {
			throw new ConversionFailure("no owner directory in this process");
		}

		@Override
		public String userOfOwner(String ownerId) {
			throw new ConversionFailure("no owner directory in this process");
		}

	}, new StageDirectory() {

		@Override
		public String stageId(String objectTypeId, String pipeline, String label) {
			throw new ConversionFailure("no pipeline directory in this process");
		}

		@Override
		public String stageLabel(String objectTypeId, String pipeline, String stageId) {
			throw new ConversionFailure("no pipeline directory in this process");
		}

	});

}
