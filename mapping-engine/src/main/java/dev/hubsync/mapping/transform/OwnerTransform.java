package dev.hubsync.mapping.transform;

import java.util.UUID;

import dev.hubsync.events.local.ColumnType;

/**
 * A product user's key (the foreign key column, such as {@code owner_id}) and HubSpot's
 * owner id ({@code hubspot_owner_id}), matched through the {@link OwnerDirectory} by
 * email. An owner no user matches, or a user no owner matches, does not convert: the
 * field is refused alone with the reason. The canonical form is the owner id itself, so
 * comparing HubSpot values needs no lookup.
 */
final class OwnerTransform implements Transform {

	private final ColumnType column;

	private final OwnerDirectory owners;

	OwnerTransform(ColumnType column, OwnerDirectory owners) {
		if (column != ColumnType.UUID && column != ColumnType.TEXT && column != ColumnType.INTEGER) {
			throw new IllegalArgumentException(
					"transform 'owner' needs a uuid, text or integer key column, not " + column);
		}
		this.column = column;
		this.owners = owners;
	}

	@Override
	public String toHubSpot(Object value) {
		return this.owners.ownerOfUser(value.toString());
	}

	@Override
	public Object toPlatform(String value) {
		String key = this.owners.userOfOwner(value.strip());
		try {
			return switch (this.column) {
				case UUID -> UUID.fromString(key);
				case INTEGER -> Long.valueOf(key);
				default -> key;
			};
		}
		catch (IllegalArgumentException ex) {
			throw new ConversionFailure("user key '" + key + "' does not fit the " + this.column + " column");
		}
	}

	@Override
	public String canonical(String value) {
		return value.strip();
	}

}
