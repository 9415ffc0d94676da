package dev.hubsync.chaos.workload;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeded, open-loop workload. Every choice (operation, record, side, field, value) is
 * drawn from one {@link Random} seeded with the run's seed, on one thread, at a fixed
 * rate whatever the system's speed; the operations run on a pool, one at a time per
 * record (except the concurrent edit, whose point is two writers at once). Which records
 * are eligible depends on what completed, so a replay repeats the choices' sequence, not
 * the timing.
 */
public final class Workload {

	private static final Logger logger = LoggerFactory.getLogger(Workload.class);

	private static final List<String> FIRST_NAMES = List.of("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald",
			"Frances", "Ken", "Radia", "Tim");

	private static final List<String> LAST_NAMES = List.of("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov",
			"Knuth", "Allen", "Thompson", "Perlman", "Berners-Lee");

	private static final List<String> INDUSTRIES = List.of("ACCOUNTING", "BANKING", "BIOTECHNOLOGY",
			"COMPUTER_SOFTWARE", "INSURANCE", "RETAIL");

	/** An industry HubSpot refuses: the platform's value is dead-lettered. */
	public static final String POISON_INDUSTRY = "NOT_AN_INDUSTRY";

	private final WorkloadSettings settings;

	private final Ledger ledger;

	private final Operations operations;

	private final Random random;

	private final String runTag;

	private final ExecutorService pool;

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

	private final Set<Integer> busy = ConcurrentHashMap.newKeySet();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger skipped = new AtomicInteger();

	/**
	 * Creates the workload.
	 * @param settings its settings
	 * @param ledger where it records what it does
	 * @param platform the platform's writer
	 * @param hubspot HubSpot's writer
	 */
	public Workload(WorkloadSettings settings, Ledger ledger, PlatformWriter platform, HubSpotWriter hubspot) {
		this.settings = settings;
		this.ledger = ledger;
		this.operations = new Operations(ledger, platform, hubspot);
		this.random = new Random(settings.seed());
		this.runTag = Long.toString(settings.seed(), 36).replace("-", "m");
		this.pool = Executors.newFixedThreadPool(settings.threads());
	}

	/**
	 * Creates the records born before HubSync starts: on each side contacts and
	 * companies, some contacts on both sides with one email, some with values on one side
	 * only.
	 */
	public void bornBefore() {
		for (int i = 0; i < this.settings.bornBefore(); i++) {
			for (Side side : Side.values()) {
				this.operations.create(ObjectKind.CONTACT, side, email(), contactValues());
				if (i % 3 == 0) {
					this.operations.create(ObjectKind.COMPANY, side, companyName(), companyValues());
				}
			}
			if (i % 4 == 0) {
				this.operations.createOnBothSides(email(), contactValues(), contactValues());
			}
		}
		this.ledger.counted("born before the start");
	}

	/**
	 * Runs for the settings' duration and until the faults are over, starting operations
	 * at the settings' rate, then waits for the operations in flight.
	 * @param faultsOver tells whether the faults are over
	 */
	public void run(java.util.function.BooleanSupplier faultsOver) {
		long period = (long) (TimeUnit.SECONDS.toNanos(1) / this.settings.rate());
		long start = System.nanoTime();
		long end = start + this.settings.duration().toNanos();
		long next = start;
		while (next < end || !faultsOver.getAsBoolean()) {
			LockSupport.parkNanos(next - System.nanoTime());
			tick();
			next += period;
		}
		awaitQuiet(Duration.ofMinutes(2));
	}

	private void awaitQuiet(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
		this.later.shutdown();
		try {
			this.later.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
		this.pool.shutdown();
	}

	/**
	 * Returns how many chosen operations were skipped (their record busy or not yet known
	 * on the chosen side).
	 * @return the count
	 */
	public int skipped() {
		return this.skipped.get();
	}

	private void tick() {
		Operation operation = pick();
		List<Entity> live = live(null);
		switch (operation) {
			case CREATE_ON_PLATFORM, CREATE_IN_HUBSPOT -> {
				Side side = (operation == Operation.CREATE_ON_PLATFORM) ? Side.PLATFORM : Side.HUBSPOT;
				boolean contact = this.random.nextInt(4) != 0;
				String identity = contact ? email() : companyName();
				Map<String, String> values = contact ? contactValues() : companyValues();
				submit(operation, List.of(), () -> this.operations
					.create(contact ? ObjectKind.CONTACT : ObjectKind.COMPANY, side, identity, values));
			}
			case CREATE_ON_BOTH_SIDES -> {
				String identity = email();
				Map<String, String> onPlatform = contactValues();
				Map<String, String> inHubSpot = contactValues();
				submit(operation, List.of(), () -> this.operations.createOnBothSides(identity, onPlatform, inHubSpot));
			}
			case EDIT, CLEAR, POISON -> edit(operation, live);
			case CONCURRENT_EDIT -> concurrentEdit(live);
			case DELETE -> {
				Entity entity = choose(live);
				Side side = side();
				submit(operation, entity, () -> this.operations.archive(entity, side, true));
			}
			case RESTORE -> restore();
			case MERGE -> merge(live);
			case ASSOCIATE -> associate(live);
		}
	}

	private void edit(Operation operation, List<Entity> live) {
		if (operation == Operation.POISON) {
			List<Entity> companies = live.stream().filter((e) -> e.kind() == ObjectKind.COMPANY).toList();
			Entity company = choose(companies);
			String fix = pickOf(INDUSTRIES);
			submit(operation, company, () -> {
				if (this.operations.set(company, Side.PLATFORM, "industry", POISON_INDUSTRY, true)) {
					this.inFlight.incrementAndGet();
					fixLater(company, fix, 1);
				}
			});
			return;
		}
		Entity entity = choose(live);
		Side side = side();
		if (entity == null) {
			this.random.nextInt();
			return;
		}
		String field = pickOf(entity.kind().editable());
		String value = (operation == Operation.CLEAR) ? null : value(field);
		submit(operation, entity, () -> this.operations.set(entity, side, field, value, false));
	}

	/**
	 * Writes a valid value over a poisoned one, trying again (a database restarting)
	 * until the platform acknowledges it: a poison left in place would block the record's
	 * later changes, which is what a dead letter means, not a defect.
	 */
	private void fixLater(Entity company, String fix, int attempt) {
		this.later.schedule(() -> {
			boolean done = false;
			try {
				done = this.operations.set(company, Side.PLATFORM, "industry", fix, false) || attempt >= 10;
			}
			finally {
				if (done) {
					this.inFlight.decrementAndGet();
				}
				else {
					fixLater(company, fix, attempt + 1);
				}
			}
		}, this.settings.poisonFixDelay().toMillis(), TimeUnit.MILLISECONDS);
	}

	private void concurrentEdit(List<Entity> live) {
		Entity entity = choose(live);
		if (entity == null) {
			return;
		}
		String field = pickOf(entity.kind().editable());
		String onPlatform = (this.random.nextInt(5) == 0) ? null : value(field);
		String inHubSpot = (this.random.nextInt(5) == 0) ? null : value(field);
		submit(Operation.CONCURRENT_EDIT, entity, () -> {
			java.util.concurrent.CompletableFuture<Boolean> hubspot = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> this.operations.set(entity, Side.HUBSPOT, field, inHubSpot, false));
			this.operations.set(entity, Side.PLATFORM, field, onPlatform, false);
			hubspot.join();
		});
	}

	private void restore() {
		List<Entity> deleted = this.ledger.entities()
			.stream()
			.filter((e) -> e.archived() && e.mergedWith() == null && !this.busy.contains(e.id()))
			.toList();
		Entity entity = choose(deleted);
		if (entity == null) {
			return;
		}
		List<Entity.ArchiveChange> changes = entity.archiveChanges();
		Side side = changes.get(changes.size() - 1).side();
		submit(Operation.RESTORE, entity, () -> this.operations.archive(entity, side, false));
	}

	private void merge(List<Entity> live) {
		List<Entity> contacts = live.stream()
			.filter((e) -> e.kind() == ObjectKind.CONTACT && e.bornOn() == Side.HUBSPOT && e.hubspotId() != null
					&& e.platformKey() == null && e.archiveChanges().isEmpty())
			.toList();
		if (contacts.size() < 2) {
			return;
		}
		Entity primary = choose(contacts);
		Entity other = choose(contacts);
		if (primary == null || other == null || primary == other) {
			return; // one of them busy, or the same record drawn twice
		}
		submit(Operation.MERGE, List.of(primary, other), () -> this.operations.merge(primary, other));
	}

	private void associate(List<Entity> live) {
		List<Entity> contacts = live.stream().filter((e) -> e.kind() == ObjectKind.CONTACT).toList();
		List<Entity> companies = live.stream().filter((e) -> e.kind() == ObjectKind.COMPANY).toList();
		Entity contact = choose(contacts);
		Entity company = (this.random.nextInt(5) == 0) ? null : choose(companies);
		Side side = side();
		if (contact == null) {
			return;
		}
		List<Entity> involved = (company != null) ? List.of(contact, company) : List.of(contact);
		submit(Operation.ASSOCIATE, involved, () -> this.operations.associate(contact, company, side));
	}

	private List<Entity> live(@Nullable ObjectKind kind) {
		return this.ledger.entities()
			.stream()
			.filter((e) -> (kind == null || e.kind() == kind) && e.isBorn() && !e.archived() && e.mergedWith() == null
					&& !e.birthUncertain() && (e.platformKey() != null || e.hubspotId() != null))
			.toList();
	}

	private void submit(Operation operation, @Nullable Entity entity, Runnable action) {
		submit(operation, (entity != null) ? List.of(entity) : null, action);
	}

	private void submit(Operation operation, @Nullable List<Entity> entities, Runnable action) {
		if (entities == null) {
			this.skipped.incrementAndGet();
			return;
		}
		List<Integer> ids = entities.stream().map(Entity::id).toList();
		for (int i = 0; i < ids.size(); i++) {
			if (!this.busy.add(ids.get(i))) {
				ids.subList(0, i).forEach(this.busy::remove);
				this.skipped.incrementAndGet();
				return;
			}
		}
		this.inFlight.incrementAndGet();
		this.ledger.counted(operation.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
		this.pool.execute(() -> {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				logger.warn("{} failed: {}", operation, ex.toString());
			}
			finally {
				ids.forEach(this.busy::remove);
				this.inFlight.decrementAndGet();
			}
		});
	}

	private Operation pick() {
		int total = 0;
		for (Operation operation : Operation.values()) {
			total += weight(operation);
		}
		int draw = this.random.nextInt(total);
		for (Operation operation : Operation.values()) {
			draw -= weight(operation);
			if (draw < 0) {
				return operation;
			}
		}
		throw new IllegalStateException("no operation drawn");
	}

	private int weight(Operation operation) {
		return this.settings.operations().contains(operation) ? operation.weight() : 0;
	}

	private @Nullable Entity choose(List<Entity> candidates) {
		int draw = this.random.nextInt(Integer.MAX_VALUE);
		if (candidates.isEmpty()) {
			return null;
		}
		Entity entity = candidates.get(draw % candidates.size());
		return this.busy.contains(entity.id()) ? null : entity;
	}

	private Side side() {
		return this.random.nextBoolean() ? Side.PLATFORM : Side.HUBSPOT;
	}

	private <T> T pickOf(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	private String email() {
		return pickOf(FIRST_NAMES).toLowerCase(java.util.Locale.ROOT) + "-{n}-" + this.runTag + "@chaos.example";
	}

	private String companyName() {
		return "Chaos {n} " + pickOf(LAST_NAMES) + " " + this.runTag;
	}

	private Map<String, String> contactValues() {
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : ObjectKind.CONTACT.editable()) {
			if (this.random.nextInt(3) != 0) {
				values.put(field, value(field));
			}
		}
		return values;
	}

	private Map<String, String> companyValues() {
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : ObjectKind.COMPANY.editable()) {
			if (this.random.nextInt(3) != 0) {
				values.put(field, value(field));
			}
		}
		return values;
	}

	private String value(String field) {
		return switch (field) {
			case "firstname" -> pickOf(FIRST_NAMES) + " " + this.random.nextInt(1000);
			case "lastname" -> pickOf(LAST_NAMES) + " " + this.random.nextInt(1000);
			case "phone" -> "+1415555" + String.format("%04d", this.random.nextInt(10000));
			case "domain" -> "d" + this.random.nextInt(100000) + ".chaos.example";
			case "industry" -> pickOf(INDUSTRIES);
			default -> throw new IllegalArgumentException("no values for " + field);
		};
	}

}
