package dev.hubsync.worker.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.hubsync.hubspot.owners.Owner;
import dev.hubsync.mapping.transform.ConversionFailure;
import dev.hubsync.mapping.transform.OwnerDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HubSpot's owners (active and deactivated, every page) matched to the product's users by
 * email, case-insensitive. Read on first use and then kept: read again every
 * {@code refresh-interval} ({@link #refreshIfRead}), and when a lookup meets an owner id
 * or a user key the last read did not have, at most once per
 * {@code miss-refresh-interval}. A value that still does not match is a
 * {@link ConversionFailure} with the reason, which the sync refuses for the field alone;
 * a failure to read (HubSpot or the database away) is not, and retries the batch. Owners
 * are only read, never written. Thread-safe: lookups read an immutable snapshot.
 */
public final class Owners implements OwnerDirectory {

	private static final Logger logger = LoggerFactory.getLogger(Owners.class);

	private final Supplier<List<Owner>> owners;

	private final Supplier<List<UserTable.User>> users;

	private final Clock clock;

	private final Duration missRefreshInterval;

	private volatile @Nullable Snapshot snapshot;

	private @Nullable Instant lastMissRefresh;

	/**
	 * Creates the directory.
	 * @param owners reads every owner, active and deactivated
	 * @param users reads the product's users
	 * @param clock the clock
	 * @param missRefreshInterval the shortest time between reads caused by misses
	 */
	Owners(Supplier<List<Owner>> owners, Supplier<List<UserTable.User>> users, Clock clock,
			Duration missRefreshInterval) {
		this.owners = owners;
		this.users = users;
		this.clock = clock;
		this.missRefreshInterval = missRefreshInterval;
	}

	@Override
	public String ownerOfUser(String userKey) {
		Snapshot current = current();
		UserTable.User user = current.users.get(userKey);
		if (user == null || (user.email() != null && current.activeByEmail.get(user.email()) == null)) {
			current = refreshOnMiss(current);
			user = current.users.get(userKey);
		}
		if (user == null) {
			throw new ConversionFailure("user " + userKey + " is not in the product's users table");
		}
		if (!user.active()) {
			throw new ConversionFailure("user " + user.email() + " is not active: no HubSpot owner is set for them");
		}
		if (user.email() == null) {
			throw new ConversionFailure("user " + userKey + " has no email to match a HubSpot owner by");
		}
		Owner owner = current.activeByEmail.get(user.email());
		if (owner == null) {
			throw new ConversionFailure(current.archivedByEmail.containsKey(user.email())
					? "the HubSpot owner with the email " + user.email() + " of user " + userKey + " is deactivated"
					: "no HubSpot owner has the email " + user.email() + " of user " + userKey);
		}
		return owner.id();
	}

	@Override
	public String userOfOwner(String ownerId) {
		Snapshot current = current();
		Owner owner = current.ownersById.get(ownerId);
		if (owner == null || (email(owner) != null && current.usersByEmail.get(email(owner)) == null)) {
			current = refreshOnMiss(current);
			owner = current.ownersById.get(ownerId);
		}
		if (owner == null) {
			throw new ConversionFailure("owner " + ownerId + " is not among HubSpot's owners");
		}
		String email = email(owner);
		if (email == null) {
			throw new ConversionFailure("owner " + ownerId + " has no email to match a product user by");
		}
		UserTable.User user = current.usersByEmail.get(email);
		if (user == null) {
			throw new ConversionFailure("no product user has the email " + email + " of HubSpot owner " + ownerId);
		}
		if (!user.active()) {
			throw new ConversionFailure(
					"the product user " + email + " of HubSpot owner " + ownerId + " is not active");
		}
		return user.key();
	}

	/**
	 * Reads owners and users again, when they were read before: a worker whose mappings
	 * never asked reads nothing.
	 */
	public void refreshIfRead() {
		if (this.snapshot != null) {
			refresh();
		}
	}

	private Snapshot current() {
		Snapshot current = this.snapshot;
		return (current != null) ? current : firstRead();
	}

	private synchronized Snapshot firstRead() {
		Snapshot current = this.snapshot;
		return (current != null) ? current : refresh(); // another thread's first read
	}

	private synchronized Snapshot refreshOnMiss(Snapshot seen) {
		Snapshot current = this.snapshot;
		if (current != null && current != seen) {
			return current; // another thread read them meanwhile
		}
		Instant now = this.clock.instant();
		if (this.lastMissRefresh != null && now.isBefore(this.lastMissRefresh.plus(this.missRefreshInterval))) {
			return seen;
		}
		this.lastMissRefresh = now;
		return refresh();
	}

	private synchronized Snapshot refresh() {
		Snapshot read = Snapshot.of(this.owners.get(), this.users.get());
		this.snapshot = read;
		logger.debug("Read {} HubSpot owners and {} product users", read.ownersById.size(), read.users.size());
		return read;
	}

	private static @Nullable String email(Owner owner) {
		return (owner.email() != null) ? owner.email().strip().toLowerCase(Locale.ROOT) : null;
	}

	private record Snapshot(Map<String, Owner> ownersById, Map<String, Owner> activeByEmail,
			Map<String, Owner> archivedByEmail, Map<String, UserTable.User> users,
			Map<String, UserTable.User> usersByEmail) {

		static Snapshot of(List<Owner> owners, List<UserTable.User> users) {
			Map<String, Owner> byId = new HashMap<>();
			Map<String, Owner> active = new HashMap<>();
			Map<String, Owner> archived = new HashMap<>();
			for (Owner owner : owners) {
				// an id read both active and deactivated (it changed between the pages):
				// the active one counts
				if (!owner.archived() || !byId.containsKey(owner.id())) {
					byId.put(owner.id(), owner);
				}
				String email = email(owner);
				if (email != null) {
					(owner.archived() ? archived : active).putIfAbsent(email, owner);
				}
			}
			Map<String, UserTable.User> byKey = new HashMap<>();
			Map<String, UserTable.User> byEmail = new HashMap<>();
			for (UserTable.User user : users) {
				byKey.put(user.key(), user);
				if (user.email() != null) {
					byEmail.put(user.email(), user);
				}
			}
			return new Snapshot(Map.copyOf(byId), Map.copyOf(active), Map.copyOf(archived), Map.copyOf(byKey),
					Map.copyOf(byEmail));
		}

	}

	/**
	 * Reads every owner through the owners API, active and deactivated.
	 * @param client the owners client
	 * @return the reader
	 */
	static Supplier<List<Owner>> reading(dev.hubsync.hubspot.owners.OwnersClient client) {
		return () -> {
			List<Owner> all = new ArrayList<>(client.list(false));
			all.addAll(client.list(true));
			return all;
		};
	}

}
