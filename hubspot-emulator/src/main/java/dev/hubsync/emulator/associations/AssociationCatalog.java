package dev.hubsync.emulator.associations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hubsync.events.hubspot.ObjectTypes;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot-defined association types (reference §5; engagements and tickets:
 * {@code hubspot-2026.md} §6): which pair of object types each joins, its inverse, and
 * the unlabeled type a primary one implies. Custom object schemas add theirs at run time
 * ({@link #define}); their ids come from one counter for the JVM, so emulators sharing a
 * JVM never give one id two meanings.
 */
final class AssociationCatalog {

	record Type(int id, String fromType, String toType, int inverse, @Nullable Integer unlabeled) {

		boolean primary() {
			return this.unlabeled != null;
		}

	}

	private static final Map<Integer, Type> TYPES = new ConcurrentHashMap<>();

	private static final AtomicInteger CUSTOM_IDS = new AtomicInteger(1000);

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
		pair(203, 204, ObjectTypes.CONTACTS, ObjectTypes.TASKS, null, null);
		pair(191, 192, ObjectTypes.COMPANIES, ObjectTypes.TASKS, null, null);
		pair(215, 216, ObjectTypes.DEALS, ObjectTypes.TASKS, null, null);
		pair(229, 230, ObjectTypes.TICKETS, ObjectTypes.TASKS, null, null);
		pair(201, 202, ObjectTypes.CONTACTS, ObjectTypes.NOTES, null, null);
		pair(189, 190, ObjectTypes.COMPANIES, ObjectTypes.NOTES, null, null);
		pair(213, 214, ObjectTypes.DEALS, ObjectTypes.NOTES, null, null);
		pair(227, 228, ObjectTypes.TICKETS, ObjectTypes.NOTES, null, null);
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

	/**
	 * Defines the unlabeled association types between two object types, as creating a
	 * custom object schema with an associated object does; an existing pair is kept.
	 * @param fromType one type
	 * @param toType the other
	 * @return the type from {@code fromType} to {@code toType}
	 */
	static Type define(String fromType, String toType) {
		synchronized (TYPES) {
			Optional<Type> existing = unlabeled(fromType, toType);
			if (existing.isPresent()) {
				return existing.get();
			}
			int forward = CUSTOM_IDS.incrementAndGet();
			int backward = CUSTOM_IDS.incrementAndGet();
			pair(forward, backward, fromType, toType, null, null);
			return TYPES.get(forward);
		}
	}

	/**
	 * Restores association types a schema defined, by their journaled ids.
	 * @param forward the type from {@code fromType}
	 * @param backward its inverse
	 * @param fromType one type
	 * @param toType the other
	 */
	static void restore(int forward, int backward, String fromType, String toType) {
		synchronized (TYPES) {
			pair(forward, backward, fromType, toType, null, null);
			CUSTOM_IDS.accumulateAndGet(Math.max(forward, backward), Math::max);
		}
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
