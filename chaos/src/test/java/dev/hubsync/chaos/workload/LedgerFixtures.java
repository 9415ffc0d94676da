package dev.hubsync.chaos.workload;

import java.time.Instant;

/**
 * Builds ledgers for the checker's tests (the ledger's writers are the workload's own).
 */
public final class LedgerFixtures {

	private LedgerFixtures() {
	}

	/**
	 * Records a contact created on the platform.
	 * @param ledger the ledger
	 * @param email its email
	 * @param key its platform key
	 * @param at when
	 * @return the entity
	 */
	public static Entity contactOnPlatform(Ledger ledger, String email, String key, Instant at) {
		Entity entity = ledger.create(ObjectKind.CONTACT, Side.PLATFORM, email, at);
		entity.platformKey(key);
		entity.write("email", new FieldWrite(Side.PLATFORM, email, at, true, false));
		return entity;
	}

	/**
	 * Records a write.
	 * @param entity the record
	 * @param field the property
	 * @param side the side
	 * @param value the value
	 * @param at when
	 */
	public static void write(Entity entity, String field, Side side, String value, Instant at) {
		entity.write(field, new FieldWrite(side, value, at, true, false));
	}

}
