package dev.hubsync.hubspot.associations;

/**
 * HubSpot-defined association type ids (reference §5), directional. A primary association
 * coexists with the unlabeled one.
 */
public final class AssociationTypes {

	/** A contact's primary company. */
	public static final int CONTACT_TO_COMPANY_PRIMARY = 1;

	/** A contact's company, unlabeled. */
	public static final int CONTACT_TO_COMPANY = 279;

	/** A company's primary contact (inverse of 1). */
	public static final int COMPANY_TO_CONTACT_PRIMARY = 2;

	/** A company's contact, unlabeled. */
	public static final int COMPANY_TO_CONTACT = 280;

	/** A deal's primary company. */
	public static final int DEAL_TO_COMPANY_PRIMARY = 5;

	/** A deal's company, unlabeled. */
	public static final int DEAL_TO_COMPANY = 341;

	/** A company's primary deal (inverse of 5). */
	public static final int COMPANY_TO_DEAL_PRIMARY = 6;

	/** A company's deal, unlabeled. */
	public static final int COMPANY_TO_DEAL = 342;

	/** A deal's contact. */
	public static final int DEAL_TO_CONTACT = 3;

	/** A contact's deal. */
	public static final int CONTACT_TO_DEAL = 4;

	private AssociationTypes() {
	}

}
