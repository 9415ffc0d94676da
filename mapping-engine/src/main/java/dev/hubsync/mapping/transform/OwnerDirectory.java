package dev.hubsync.mapping.transform;

/**
 * HubSpot owners matched to the product's users, by email. Owners are read-only in
 * HubSpot: the directory only reads them. Implementations are thread-safe and may read
 * again (HubSpot, the database) when asked about an owner or user they do not know.
 */
public interface OwnerDirectory {

	/**
	 * Returns the owner id of a product user.
	 * @param userKey the user's key, as text (a UUID's canonical form)
	 * @return the owner id {@code hubspot_owner_id} takes
	 * @throws ConversionFailure with the reason when the user is unknown or no owner has
	 * the user's email
	 */
	String ownerOfUser(String userKey);

	/**
	 * Returns the product user of an owner.
	 * @param ownerId the owner id
	 * @return the user's key, as text
	 * @throws ConversionFailure with the reason when the owner is unknown or no user has
	 * the owner's email
	 */
	String userOfOwner(String ownerId);

}
