package dev.hubsync.emulator.associations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hubsync.events.hubspot.ObjectTypes;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot-defined association types (reference §5): which pair of object types each
 * joins, its inverse, and the unlabeled type a primary one implies.
 */
final class AssociationCatalog {

	record Type(int id, String fromType, String toType, int inverse, @Nullable Integer unlabeled) {

		boolean primary() {
			return this.unlabeled != null;
		}

	}

	private static final Map<Integer, Type> TYPES = new HashMap<>();

	static {
		pair(1, 2, ObjectTypes.CONTACTS, ObjectTypes.COMPANIES, 279, 280);
		pair(279, 280, ObjectTypes.CONTACTS, ObjectTypes.COMPANIES, null, null);
		pair(5, 6, ObjectTypes.DEALS, ObjectTypes.COMPANIES, 341, 342);
		pair(341, 342, ObjectTypes.DEALS, ObjectTypes.COMPANIES, null, null);
		pair(3, 4, ObjectTypes.DEALS, ObjectTypes.CONTACTS, null, null);
		pair(26, 25, ObjectTypes.TICKETS, ObjectTypes.COMPANIES, 339, 340);
		pair(339, 340, ObjectTypes.TICKETS, ObjectTypes.COMPANIES, null, null);
		pair(15, 16, ObjectTypes.CONTACTS, ObjectTypes.TICKETS, null, null);
		pair(27, 28, ObjectTypes.DEALS, ObjectTypes.TICKETS, null, null);
		pair(13, 14, ObjectTypes.COMPANIES, ObjectTypes.COMPANIES, null, null);
		self(449, ObjectTypes.CONTACTS);
		self(450, ObjectTypes.COMPANIES);
		self(451, ObjectTypes.DEALS);
		self(452, ObjectTypes.TICKETS);
	}

	private AssociationCatalog() {
	}

	private static void pair(int forward, int backward, String from, String to, @Nullable Integer unlabeledForward,
			@Nullable Integer unlabeledBackward) {
		TYPES.put(forward, new Type(forward, from, to, backward, unlabeledForward));
		TYPES.put(backward, new Type(backward, to, from, forward, unlabeledBackward));
	}

	private static void self(int id, String type) {
		TYPES.put(id, new Type(id, type, type, id, null));
	}

	static Optional<Type> get(int id) {
		return Optional.ofNullable(TYPES.get(id));
	}

	/**
	 * Returns the default (unlabeled) type from one object type to another.
	 * @param fromType the source type
	 * @param toType the target type
	 * @return the type
	 */
	static Optional<Type> unlabeled(String fromType, String toType) {
		return TYPES.values()
			.stream()
			.filter((type) -> type.fromType().equals(fromType) && type.toType().equals(toType) && !type.primary())
			.filter((type) -> !(fromType.equals(toType) && type.id() == 13))
			.min((a, b) -> Integer.compare(b.id(), a.id()));
	}

	static List<Type> all() {
		return List.copyOf(TYPES.values());
	}

	/**
	 * Returns the legacy name of an object type in association events.
	 * @param objectTypeId the type
	 * @return e.g. {@code CONTACT}, or {@code null} for types without one
	 */
	static @Nullable String legacyName(String objectTypeId) {
		return switch (objectTypeId) {
			case ObjectTypes.CONTACTS -> "CONTACT";
			case ObjectTypes.COMPANIES -> "COMPANY";
			case ObjectTypes.DEALS -> "DEAL";
			case ObjectTypes.TICKETS -> "TICKET";
			default -> null;
		};
	}

}
