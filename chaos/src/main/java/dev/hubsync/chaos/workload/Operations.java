package dev.hubsync.chaos.workload;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.hubsync.hubspot.error.HubSpotException;
import dev.hubsync.hubspot.objects.HubSpotObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the workload's operations on either side and writes each into the ledger
 * with the change time the side gave it. A write whose answer is lost (a database
 * restarting, a timeout) is kept as uncertain: it may or may not have happened.
 */
final class Operations {

	private static final Logger logger = LoggerFactory.getLogger(Operations.class);

	private final Ledger ledger;

	private final PlatformWriter platform;

	private final HubSpotWriter hubspot;

	Operations(Ledger ledger, PlatformWriter platform, HubSpotWriter hubspot) {
		this.ledger = ledger;
		this.platform = platform;
		this.hubspot = hubspot;
	}

	Entity create(ObjectKind kind, Side side, String identity, Map<String, String> values) {
		Entity entity = this.ledger.create(kind, side, identity, Instant.now());
		Map<String, String> all = withIdentity(kind, entity.identity(), values);
		try {
			if (side == Side.PLATFORM) {
				createOnPlatform(entity, all);
			}
			else {
				createInHubSpot(entity, all);
			}
		}
		finally {
			entity.born();
		}
		this.ledger.changed(1);
		return entity;
	}

	Entity createOnBothSides(String identity, Map<String, String> platformValues, Map<String, String> hubspotValues) {
		Entity entity = this.ledger.create(ObjectKind.CONTACT, Side.PLATFORM, identity, Instant.now());
		entity.bornOnBothSides();
		CompletableFuture<Void> inHubSpot = CompletableFuture.runAsync(
				() -> createInHubSpot(entity, withIdentity(ObjectKind.CONTACT, entity.identity(), hubspotValues)));
		try {
			createOnPlatform(entity, withIdentity(ObjectKind.CONTACT, entity.identity(), platformValues));
			inHubSpot.join();
		}
		finally {
			entity.born();
		}
		this.ledger.changed(2);
		return entity;
	}

	private static Map<String, String> withIdentity(ObjectKind kind, String identity, Map<String, String> values) {
		Map<String, String> all = new LinkedHashMap<>(values);
		all.put((kind == ObjectKind.CONTACT) ? "email" : "name", identity);
		return all;
	}

	private void createOnPlatform(Entity entity, Map<String, String> values) {
		UUID key = UUID.randomUUID();
		entity.platformKey(key.toString());
		Instant at;
		boolean certain = true;
		try {
			at = this.platform.insert(entity.kind(), key, values);
		}
		catch (java.sql.SQLException | RuntimeException ex) {
			logger.info("platform insert of {} failed: {}", entity.label(), ex.toString());
			this.ledger.failed();
			entity.uncertainBirth();
			at = Instant.now();
			certain = false;
		}
		record(entity, Side.PLATFORM, values, at, certain);
	}

	private void createInHubSpot(Entity entity, Map<String, String> values) {
		try {
			HubSpotObject created = this.hubspot.create(entity.kind(), values);
			entity.hubspotId(created.id());
			record(entity, Side.HUBSPOT, values, (created.updatedAt() != null) ? created.updatedAt() : Instant.now(),
					true);
		}
		catch (RuntimeException ex) {
			logger.info("HubSpot create of {} failed: {}", entity.label(), ex.toString());
			this.ledger.failed();
			entity.uncertainBirth();
			if (!refused(ex)) {
				record(entity, Side.HUBSPOT, values, Instant.now(), false);
			}
		}
	}

	/**
	 * Tells whether HubSpot answered a failed call with an error (nothing was written),
	 * rather than leaving it unanswered (it may have been).
	 */
	private static boolean refused(Exception ex) {
		return ex instanceof HubSpotException hubspot && hubspot.status() != 0;
	}

	private static void record(Entity entity, Side side, Map<String, String> values, Instant at, boolean certain) {
		values.forEach((property, value) -> entity.write(property, new FieldWrite(side, value, at, certain, false)));
	}

	/**
	 * Sets (or clears, with {@code null}) a field on one side.
	 * @return whether the side acknowledged it
	 */
	boolean set(Entity entity, Side side, String property, @Nullable String value, boolean poison) {
		if (!reachable(entity, side)) {
			return false;
		}
		Instant at;
		boolean certain = true;
		try {
			at = (side == Side.PLATFORM) ? this.platform.update(entity.kind(), platformKey(entity), property, value)
					: this.hubspot.update(entity.kind(), hubspotId(entity),
							Map.of(property, (value != null) ? value : ""));
		}
		catch (java.sql.SQLException | RuntimeException ex) {
			logger.info("{} write of {} {} failed: {}", side, entity.label(), property, ex.toString());
			this.ledger.failed();
			if (refused(ex)) {
				return false;
			}
			at = Instant.now();
			certain = false;
		}
		if (at == null) {
			return true; // the side held the value already: no change, nothing to sync
		}
		FieldWrite write = new FieldWrite(side, value, at, certain, poison);
		// the sync sees a row's commit time, after the transaction's start it records
		entity.write(property, (side == Side.PLATFORM) ? write.within(at, Instant.now()) : write);
		this.ledger.changed(1);
		return certain;
	}

	boolean archive(Entity entity, Side side, boolean deleted) {
		if (!reachable(entity, side)) {
			return false;
		}
		Instant at;
		boolean certain = true;
		try {
			if (side == Side.PLATFORM) {
				at = this.platform.archive(entity.kind(), platformKey(entity), deleted);
			}
			else {
				String id = hubspotId(entity);
				if (deleted && !this.hubspot.live(entity.kind(), id)) {
					// the record the link names is archived already (a platform restore
					// is
					// re-creating it): a person could not delete it
					return false;
				}
				at = deleted ? this.hubspot.archive(entity.kind(), id) : this.hubspot.restore(entity.kind(), id);
			}
		}
		catch (java.sql.SQLException | RuntimeException ex) {
			logger.info("{} {} of {} failed: {}", side, deleted ? "deletion" : "restore", entity.label(),
					ex.toString());
			this.ledger.failed();
			if (refused(ex)) {
				return false;
			}
			at = Instant.now();
			certain = false;
		}
		entity.archiveChange(new Entity.ArchiveChange(side, deleted, at, certain));
		this.ledger.changed(1);
		return true;
	}

	boolean merge(Entity primary, Entity other) {
		if (!reachable(primary, Side.HUBSPOT) || !reachable(other, Side.HUBSPOT)) {
			return false;
		}
		try {
			HubSpotObject merged = this.hubspot.merge(ObjectKind.CONTACT, hubspotId(primary), hubspotId(other));
			primary.merged("merged with #" + other.id() + " into " + merged.id());
			other.merged("merged into #" + primary.id() + " as " + merged.id());
			primary.hubspotId(merged.id());
		}
		catch (RuntimeException ex) {
			logger.info("merge of {} and {} failed: {}", primary.label(), other.label(), ex.toString());
			this.ledger.failed();
			primary.merged("merge with #" + other.id() + " not acknowledged");
			other.merged("merge into #" + primary.id() + " not acknowledged");
		}
		this.ledger.changed(1);
		return true;
	}

	boolean associate(Entity contact, @Nullable Entity company, Side side) {
		if (!reachable(contact, side) || (company != null && !reachable(company, side))) {
			return false;
		}
		Instant at;
		boolean certain = true;
		Instant called = Instant.now();
		try {
			at = (side == Side.PLATFORM)
					? this.platform.update(ObjectKind.CONTACT, platformKey(contact), ObjectKind.COMPANY_FIELD,
							(company != null) ? platformKey(company) : null)
					: this.hubspot.company(hubspotId(contact), (company != null) ? hubspotId(company) : null);
		}
		catch (java.sql.SQLException | RuntimeException ex) {
			logger.info("{} association of {} failed: {}", side, contact.label(), ex.toString());
			this.ledger.failed();
			at = Instant.now();
			certain = false;
		}
		if (at == null) {
			return true; // the side had that company already
		}
		FieldWrite write = new FieldWrite(side, (company != null) ? String.valueOf(company.id()) : null, at, certain,
				false);
		// a row's commit time follows its transaction's start; HubSpot's association
		// event is stamped during the call, before its answer
		contact.write(ObjectKind.COMPANY_FIELD,
				(side == Side.PLATFORM) ? write.within(at, Instant.now()) : write.within(called, at));
		this.ledger.changed(1);
		return true;
	}

	/**
	 * Tells whether the record's id on a side is known (or the sync linked it already).
	 */
	boolean reachable(Entity entity, Side side) {
		try {
			return (side == Side.PLATFORM) ? platformKey(entity) != null : hubspotId(entity) != null;
		}
		catch (java.sql.SQLException | IllegalStateException ex) {
			return false;
		}
	}

	private String platformKey(Entity entity) throws java.sql.SQLException {
		if (entity.platformKey() == null && entity.hubspotId() != null) {
			String key = this.platform.linkedPlatformKey(entity.kind(), entity.hubspotId());
			if (key != null) {
				entity.platformKey(key);
			}
		}
		if (entity.platformKey() == null) {
			throw new IllegalStateException(entity.label() + " has no platform row yet");
		}
		return entity.platformKey();
	}

	private String hubspotId(Entity entity) {
		try {
			if (entity.platformKey() == null) {
				platformKeyIfLinked(entity);
			}
			if (entity.platformKey() != null) {
				// a restore on the platform re-creates the record: the link has its new
				// id
				String linked = this.platform.linkedHubSpotId(entity.kind(), entity.platformKey());
				if (linked != null) {
					entity.hubspotId(linked);
				}
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("cannot read the link of " + entity.label() + ": " + ex.getMessage(), ex);
		}
		if (entity.hubspotId() == null) {
			throw new IllegalStateException(entity.label() + " has no HubSpot record yet");
		}
		return entity.hubspotId();
	}

	private void platformKeyIfLinked(Entity entity) throws java.sql.SQLException {
		if (entity.hubspotId() != null) {
			String key = this.platform.linkedPlatformKey(entity.kind(), entity.hubspotId());
			if (key != null) {
				entity.platformKey(key);
			}
		}
	}

}
