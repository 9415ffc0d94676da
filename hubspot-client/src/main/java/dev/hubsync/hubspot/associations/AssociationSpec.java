package dev.hubsync.hubspot.associations;

/**
 * An association type, as written.
 *
 * @param associationCategory {@code HUBSPOT_DEFINED}, {@code USER_DEFINED} or
 * {@code INTEGRATOR_DEFINED}
 * @param associationTypeId the type id, directional
 */
public record AssociationSpec(String associationCategory, int associationTypeId) {

	/** Category of HubSpot's own association types. */
	public static final String HUBSPOT_DEFINED = "HUBSPOT_DEFINED";

	/**
	 * A HubSpot-defined type.
	 * @param typeId the type id, see {@link AssociationTypes}
	 * @return the spec
	 */
	public static AssociationSpec hubspotDefined(int typeId) {
		return new AssociationSpec(HUBSPOT_DEFINED, typeId);
	}

}
