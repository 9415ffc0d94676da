package dev.hubsync.worker.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * One generated history: people with their records on either or both sides before or
 * after the start, their tasks and tickets made on one side after it, then steps — edits
 * and clears on both sides (names, owners, subjects, statuses and stages), births, worker
 * restarts, a second replica joining and leaving, polls — and the faults of its
 * deliveries. Made from a seed alone, so a seed replays it; shrinking makes smaller
 * histories from it.
 *
 * @param seed the seed it was made from (and the seed of its fault decisions)
 * @param persons the people, by index
 * @param items the tasks and tickets, by index
 * @param steps the steps, in order
 * @param faults the delivery faults
 */
record History(long seed, List<Person> persons, List<Item> items, List<Step> steps, Faults faults) {

	/** A side of the sync. */
	enum Side {

		PRODUCT, HUBSPOT

	}

	/**
	 * The object types of a history, as the demo mapping syncs them.
	 */
	enum Kind {

		LEAD("contacts", "0-1", "leads", "lastmodifieddate", 0),
		TASK("tasks", "0-27", "tasks", "hs_lastmodifieddate", 204),
		TICKET("tickets", "0-5", "tickets", "hs_lastmodifieddate", 16);

		final String type;

		final String objectTypeId;

		final String table;

		final String modified;

		/** The association type id from this kind to contacts (HubSpot-defined). */
		final int toContact;

		Kind(String type, String objectTypeId, String table, String modified, int toContact) {
			this.type = type;
			this.objectTypeId = objectTypeId;
			this.table = table;
			this.modified = modified;
			this.toContact = toContact;
		}

		List<Field> fields() {
			return Arrays.stream(Field.values()).filter((field) -> field.kind == this).toList();
		}

	}

	/**
	 * What values a field takes. A history names values as the product does (a status, an
	 * owner's name); the run turns them into HubSpot's (a stage id, an owner id) and
	 * back.
	 */
	enum Values {

		/** Free text. */
		TEXT(List.of()),
		/** The product's task statuses (the demo mapping's enum). */
		TASK_STATUS(List.of("open", "in_progress", "waiting", "deferred", "done")),
		/** The product's ticket statuses (stages of the default pipeline, by label). */
		TICKET_STATUS(List.of("new", "waiting_on_contact", "waiting_on_us", "closed")),
		/** The owners: a product user and a HubSpot owner with the same email. */
		OWNER(List.of("ann", "bo"));

		final List<String> choices;

		Values(List<String> choices) {
			this.choices = choices;
		}

	}

	/** The fields the history edits: each flows both ways. */
	enum Field {

		FIRST(Kind.LEAD, "firstname", "first_name", Values.TEXT, "F", true),
		LAST(Kind.LEAD, "lastname", "last_name", Values.TEXT, "L", true),
		LEAD_OWNER(Kind.LEAD, "hubspot_owner_id", "owner_id", Values.OWNER, "", true),
		TASK_SUBJECT(Kind.TASK, "hs_task_subject", "subject", Values.TEXT, "S", true),
		// a task's and a ticket's status are never cleared: a stage is required
		TASK_STATUS(Kind.TASK, "hs_task_status", "status", Values.TASK_STATUS, "", false),
		TASK_OWNER(Kind.TASK, "hubspot_owner_id", "owner_id", Values.OWNER, "", true),
		// the product's ticket subject is NOT NULL
		TICKET_SUBJECT(Kind.TICKET, "subject", "subject", Values.TEXT, "T", false),
		TICKET_STATUS(Kind.TICKET, "hs_pipeline_stage", "status", Values.TICKET_STATUS, "", false),
		TICKET_OWNER(Kind.TICKET, "hubspot_owner_id", "owner_id", Values.OWNER, "", true);

		final Kind kind;

		final String property;

		final String column;

		final Values values;

		final String prefix;

		final boolean clearable;

		Field(Kind kind, String property, String column, Values values, String prefix, boolean clearable) {
			this.kind = kind;
			this.property = property;
			this.column = column;
			this.values = values;
			this.prefix = prefix;
			this.clearable = clearable;
		}

		/** A new value for this field, or a clear; {@code tag} makes text unique. */
		@Nullable String draw(SplittableRandom random, String tag) {
			if (this.clearable && random.nextInt(5) == 0) {
				return null;
			}
			if (this.values == Values.TEXT) {
				return this.prefix + tag;
			}
			return this.values.choices.get(random.nextInt(this.values.choices.size()));
		}

	}

	/** Where and when a person's records are born. */
	enum Birth {

		PRODUCT_BEFORE(true, false, true), HUBSPOT_BEFORE(false, true, true), BOTH_BEFORE(true, true, true),
		PRODUCT_AFTER(true, false, false), HUBSPOT_AFTER(false, true, false), BOTH_AFTER(true, true, false);

		final boolean product;

		final boolean hubspot;

		final boolean beforeStart;

		Birth(boolean product, boolean hubspot, boolean beforeStart) {
			this.product = product;
			this.hubspot = hubspot;
			this.beforeStart = beforeStart;
		}

	}

	/**
	 * A person.
	 *
	 * @param birth where and when their records are born
	 * @param product the product row's values at birth (a missing field is empty)
	 * @param hubspot the HubSpot record's values at birth
	 * @param productMinutesAgo for a birth before the start, how long before it the row
	 * was last changed; after it, whether the row is made first (smaller)
	 * @param hubspotMinutesAgo the same for the HubSpot record
	 * @param twin whether the product has a second, newer row with the same email (in
	 * another case)
	 * @param upperCaseInProduct whether the product writes the email in upper case
	 */
	record Person(Birth birth, Map<Field, String> product, Map<Field, String> hubspot, int productMinutesAgo,
			int hubspotMinutesAgo, boolean twin, boolean upperCaseInProduct) {

		String email(int index) {
			return "person" + index + "@model.example";
		}

		String productEmail(int index) {
			return this.upperCaseInProduct ? email(index).toUpperCase(Locale.ROOT) : email(index);
		}

		String twinEmail(int index) {
			return "Person" + index + "@Model.Example";
		}

	}

	/**
	 * A task or a ticket of a person, made on one side after the start (once the person
	 * is linked), associated with the person there.
	 *
	 * @param kind task or ticket
	 * @param person the person it belongs to
	 * @param side where it is made
	 * @param values its values at birth, as the product names them (a field missing is
	 * empty; a product ticket without a status takes the demo schema's default, new)
	 */
	record Item(Kind kind, int person, Side side, Map<Field, String> values) {

	}

	/** A step of a history. */
	sealed interface Step permits Born, Made, Edit, ItemEdit, Restart, Replica, Poll {

	}

	/**
	 * A person's records born after the start.
	 *
	 * @param person the person
	 */
	record Born(int person) implements Step {

	}

	/**
	 * A task or ticket made.
	 *
	 * @param item the item
	 */
	record Made(int item) implements Step {

	}

	/**
	 * A user's edit of a person on one side.
	 *
	 * @param person the person
	 * @param side the side
	 * @param field the field
	 * @param value the new value; null clears it
	 */
	record Edit(int person, Side side, Field field, @Nullable String value) implements Step {

	}

	/**
	 * A user's edit of a task or ticket on one side.
	 *
	 * @param item the item
	 * @param side the side
	 * @param field the field
	 * @param value the new value; null clears it
	 */
	record ItemEdit(int item, Side side, Field field, @Nullable String value) implements Step {

	}

	/** The worker stops and starts again. */
	record Restart() implements Step {

	}

	/**
	 * A second worker replica joins or leaves (the partitions rebalance).
	 *
	 * @param up whether it joins
	 */
	record Replica(boolean up) implements Step {

	}

	/** The reconciliation poller runs. */
	record Poll() implements Step {

	}

	/**
	 * How deliveries fail: webhooks are dropped, duplicated or delayed past later ones;
	 * product change events are duplicated or replayed later (as after a publisher
	 * restart), never lost (the WAL keeps them).
	 *
	 * @param webhookDrop the share of webhook events lost
	 * @param webhookDuplicate the share delivered twice
	 * @param webhookDelay the share held back and delivered after later ones
	 * @param changeDuplicate the share of change events published twice
	 * @param changeReplay the share published again later
	 */
	record Faults(double webhookDrop, double webhookDuplicate, double webhookDelay, double changeDuplicate,
			double changeReplay) {

		static final Faults NONE = new Faults(0, 0, 0, 0, 0);

	}

	/**
	 * Makes a history from a seed. The people, their steps and the faults are drawn as
	 * before tasks and tickets existed (a kept seed with {@code maxItems} 0 makes the
	 * history it made then); the items, their edits and the owner changes of leads come
	 * from a second generator of the same seed, their steps placed among the others.
	 * @param seed the seed
	 * @param maxPersons at most this many people (at least 2)
	 * @param maxSteps at most this many steps besides births
	 * @param maxItems at most this many tasks and tickets (0: none, and no owners)
	 * @return the history
	 */
	static History generate(long seed, int maxPersons, int maxSteps, int maxItems) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Person> persons = new ArrayList<>();
		int count = 2 + random.nextInt(Math.max(1, maxPersons - 1));
		for (int i = 0; i < count; i++) {
			persons.add(person(random, i));
		}
		List<Step> steps = new ArrayList<>();
		int length = random.nextInt(maxSteps + 1);
		boolean replicaUp = false;
		for (int i = 0; i < length; i++) {
			int kind = random.nextInt(100);
			if (kind < 80) {
				Field field = (random.nextInt(2) == 0) ? Field.FIRST : Field.LAST;
				int person = random.nextInt(count);
				boolean clear = random.nextInt(5) == 0;
				steps.add(new Edit(person, random.nextBoolean() ? Side.PRODUCT : Side.HUBSPOT, field,
						clear ? null : field.prefix + person + "e" + i));
			}
			else if (kind < 86) {
				steps.add(new Restart());
			}
			else if (kind < 94) {
				replicaUp = !replicaUp;
				steps.add(new Replica(replicaUp));
			}
			else {
				steps.add(new Poll());
			}
		}
		// a person born after the start is born at a random point, before their first
		// edit
		for (int person = 0; person < count; person++) {
			if (!persons.get(person).birth().beforeStart) {
				int at = random.nextInt(steps.size() + 1);
				for (int i = 0; i < at; i++) {
					if (steps.get(i) instanceof Edit edit && edit.person() == person) {
						at = i;
						break;
					}
				}
				steps.add(at, new Born(person));
			}
		}
		double[] rates = { 0, 0, 0.1, 0.3 };
		Faults faults = new Faults(rates[random.nextInt(rates.length)], rates[random.nextInt(3)],
				rates[random.nextInt(rates.length)], rates[random.nextInt(3)], rates[random.nextInt(3)]);
		List<Item> items = new ArrayList<>();
		if (maxItems > 0) {
			addItemsAndOwners(new SplittableRandom(seed ^ 0x17e55eedL), count, maxItems, items, steps);
		}
		return new History(seed, persons, items, steps, faults);
	}

	/**
	 * Adds tasks and tickets, each made after its person's birth, their edits after them,
	 * and owner changes of leads.
	 */
	private static void addItemsAndOwners(SplittableRandom random, int count, int maxItems, List<Item> items,
			List<Step> steps) {
		int itemCount = 1 + random.nextInt(maxItems);
		for (int j = 0; j < itemCount; j++) {
			Kind kind = random.nextBoolean() ? Kind.TASK : Kind.TICKET;
			int person = random.nextInt(count);
			Side side = random.nextBoolean() ? Side.PRODUCT : Side.HUBSPOT;
			Map<Field, String> values = new EnumMap<>(Field.class);
			for (Field field : kind.fields()) {
				String value = switch (field.values) {
					// a subject always: HubSpot requires a ticket's, and names tell tasks
					// apart
					case TEXT -> field.prefix + j + ((side == Side.PRODUCT) ? "p" : "h");
					// a task's status always (HubSpot may default an empty one); a
					// ticket made in HubSpot needs its stage, one made in the product
					// may leave it to the schema's default
					case TASK_STATUS, TICKET_STATUS ->
						(kind == Kind.TICKET && side == Side.PRODUCT && random.nextInt(3) == 0) ? null
								: field.values.choices.get(random.nextInt(field.values.choices.size()));
					case OWNER -> (random.nextInt(3) == 0) ? null
							: field.values.choices.get(random.nextInt(field.values.choices.size()));
				};
				if (value != null) {
					values.put(field, value);
				}
			}
			items.add(new Item(kind, person, side, values));
			steps.add(random.nextInt(after(steps, new Born(person)), steps.size() + 1), new Made(j));
		}
		int edits = random.nextInt(3 * itemCount + 1);
		for (int e = 0; e < edits; e++) {
			int j = random.nextInt(itemCount);
			Item item = items.get(j);
			List<Field> fields = item.kind().fields();
			Field field = fields.get(random.nextInt(fields.size()));
			steps.add(random.nextInt(after(steps, new Made(j)), steps.size() + 1), new ItemEdit(j,
					random.nextBoolean() ? Side.PRODUCT : Side.HUBSPOT, field, field.draw(random, j + "e" + e)));
		}
		int owners = random.nextInt(count + 1);
		for (int o = 0; o < owners; o++) {
			int person = random.nextInt(count);
			steps.add(random.nextInt(after(steps, new Born(person)), steps.size() + 1),
					new Edit(person, random.nextBoolean() ? Side.PRODUCT : Side.HUBSPOT, Field.LEAD_OWNER,
							Field.LEAD_OWNER.draw(random, "")));
		}
	}

	/** The index after a step, or 0 when the history lacks it. */
	private static int after(List<Step> steps, Step step) {
		return steps.indexOf(step) + 1;
	}

	private static Person person(SplittableRandom random, int index) {
		Birth birth = Birth.values()[random.nextInt(Birth.values().length)];
		Map<Field, String> product = new EnumMap<>(Field.class);
		Map<Field, String> hubspot = new EnumMap<>(Field.class);
		for (Field field : List.of(Field.FIRST, Field.LAST)) {
			// each side holds the field or not; both may hold the same value
			boolean inProduct = birth.product && random.nextInt(4) != 0;
			boolean inHubSpot = birth.hubspot && random.nextInt(4) != 0;
			if (inProduct) {
				product.put(field, field.prefix + index + "p");
			}
			if (inHubSpot) {
				hubspot.put(field,
						(inProduct && random.nextInt(3) == 0) ? product.get(field) : field.prefix + index + "h");
			}
		}
		return new Person(birth, product, hubspot, 1 + random.nextInt(180), 1 + random.nextInt(180),
				birth.product && random.nextInt(4) == 0, random.nextInt(3) == 0);
	}

	/**
	 * Smaller histories to try when this one fails, most promising first: without a
	 * person, without an item, without half or one of the steps, without faults.
	 * @return the candidates
	 */
	List<History> smaller() {
		List<History> candidates = new ArrayList<>();
		for (int person = 0; person < this.persons.size() && this.persons.size() > 1; person++) {
			candidates.add(withoutPerson(person));
		}
		for (int item = 0; item < this.items.size(); item++) {
			candidates.add(withoutItem(item));
		}
		if (this.steps.size() > 1) {
			int half = this.steps.size() / 2;
			candidates.add(withSteps(this.steps.subList(0, half)));
			candidates.add(withSteps(this.steps.subList(half, this.steps.size())));
		}
		for (int i = this.steps.size() - 1; i >= 0; i--) {
			if (!(this.steps.get(i) instanceof Born) && !(this.steps.get(i) instanceof Made)) {
				List<Step> fewer = new ArrayList<>(this.steps);
				fewer.remove(i);
				candidates.add(withSteps(fewer));
			}
		}
		if (!this.faults.equals(Faults.NONE)) {
			candidates.add(new History(this.seed, this.persons, this.items, this.steps, Faults.NONE));
		}
		return candidates;
	}

	private History withSteps(List<Step> kept) {
		// births stay: a person born after the start is born at their first step, an
		// item made at its first
		List<Step> steps = new ArrayList<>();
		for (Step step : this.steps) {
			if ((step instanceof Born || step instanceof Made) && !kept.contains(step)) {
				steps.add(step);
			}
		}
		steps.addAll(kept);
		return new History(this.seed, this.persons, this.items, normalised(steps), this.faults);
	}

	private History withoutPerson(int removed) {
		List<Person> persons = new ArrayList<>(this.persons);
		persons.remove(removed);
		List<Item> items = new ArrayList<>();
		int[] itemIndex = new int[this.items.size()];
		for (int j = 0; j < this.items.size(); j++) {
			Item item = this.items.get(j);
			if (item.person() == removed) {
				itemIndex[j] = -1;
			}
			else {
				itemIndex[j] = items.size();
				items.add(new Item(item.kind(), renumber(item.person(), removed), item.side(), item.values()));
			}
		}
		List<Step> steps = new ArrayList<>();
		for (Step step : this.steps) {
			if (step instanceof Edit edit) {
				if (edit.person() != removed) {
					steps.add(new Edit(renumber(edit.person(), removed), edit.side(), edit.field(), edit.value()));
				}
			}
			else if (step instanceof Born born) {
				if (born.person() != removed) {
					steps.add(new Born(renumber(born.person(), removed)));
				}
			}
			else if (step instanceof Made made) {
				if (itemIndex[made.item()] >= 0) {
					steps.add(new Made(itemIndex[made.item()]));
				}
			}
			else if (step instanceof ItemEdit edit) {
				if (itemIndex[edit.item()] >= 0) {
					steps.add(new ItemEdit(itemIndex[edit.item()], edit.side(), edit.field(), edit.value()));
				}
			}
			else {
				steps.add(step);
			}
		}
		return new History(this.seed, persons, items, normalised(steps), this.faults);
	}

	private History withoutItem(int removed) {
		List<Item> items = new ArrayList<>(this.items);
		items.remove(removed);
		List<Step> steps = new ArrayList<>();
		for (Step step : this.steps) {
			if (step instanceof Made made) {
				if (made.item() != removed) {
					steps.add(new Made(renumber(made.item(), removed)));
				}
			}
			else if (step instanceof ItemEdit edit) {
				if (edit.item() != removed) {
					steps.add(new ItemEdit(renumber(edit.item(), removed), edit.side(), edit.field(), edit.value()));
				}
			}
			else {
				steps.add(step);
			}
		}
		return new History(this.seed, this.persons, items, normalised(steps), this.faults);
	}

	private static int renumber(int index, int removed) {
		return (index > removed) ? index - 1 : index;
	}

	/**
	 * Replica steps alternate join and leave after steps are removed; an item is made
	 * after its person's birth and edited after it is made (a step that came too early
	 * waits for the one it needs).
	 */
	private List<Step> normalised(List<Step> steps) {
		return normalised(steps, this.items);
	}

	private static List<Step> normalised(List<Step> steps, List<Item> items) {
		Set<Step> needed = new HashSet<>(steps);
		Set<Step> done = new HashSet<>();
		Map<Step, List<Step>> waiting = new HashMap<>();
		List<Step> ordered = new ArrayList<>();
		for (Step step : steps) {
			Step needs = null;
			if (step instanceof Made made) {
				needs = new Born(items.get(made.item()).person());
			}
			else if (step instanceof ItemEdit edit) {
				needs = new Made(edit.item());
			}
			if (needs != null && needed.contains(needs) && !done.contains(needs)) {
				waiting.computeIfAbsent(needs, (n) -> new ArrayList<>()).add(step);
			}
			else {
				emit(step, ordered, done, waiting);
			}
		}
		List<Step> result = new ArrayList<>();
		boolean up = false;
		for (Step step : ordered) {
			if (step instanceof Replica) {
				up = !up;
				result.add(new Replica(up));
			}
			else {
				result.add(step);
			}
		}
		return result;
	}

	private static void emit(Step step, List<Step> ordered, Set<Step> done, Map<Step, List<Step>> waiting) {
		ordered.add(step);
		done.add(step);
		for (Step next : waiting.getOrDefault(step, List.of())) {
			emit(next, ordered, done, waiting);
		}
		waiting.remove(step);
	}

	/**
	 * Counts what the history holds, for the run's report.
	 * @return e.g. {@code 4 people (BOTH_BEFORE, ...), 2 items (TASK in PRODUCT, ...),
	 * 12 steps}
	 */
	String summary() {
		StringJoiner births = new StringJoiner(", ");
		this.persons.forEach((person) -> births.add(person.birth() + (person.twin() ? "+twin" : "")));
		StringJoiner made = new StringJoiner(", ");
		this.items.forEach((item) -> made.add(item.kind() + " in " + item.side()));
		return this.persons.size() + " people (" + births + "), " + this.items.size() + " items (" + made + "), "
				+ this.steps.size() + " steps, " + this.faults;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("History seed=" + this.seed + " " + this.faults + "\n");
		for (int i = 0; i < this.persons.size(); i++) {
			Person person = this.persons.get(i);
			text.append("  person ")
				.append(i)
				.append(": ")
				.append(person.birth())
				.append(" product=")
				.append(person.product())
				.append(" (")
				.append(person.productMinutesAgo())
				.append(" min) hubspot=")
				.append(person.hubspot())
				.append(" (")
				.append(person.hubspotMinutesAgo())
				.append(" min)")
				.append(person.twin() ? " twin" : "")
				.append(person.upperCaseInProduct() ? " EMAIL" : "")
				.append('\n');
		}
		for (int j = 0; j < this.items.size(); j++) {
			text.append("  item ").append(j).append(": ").append(this.items.get(j)).append('\n');
		}
		for (int i = 0; i < this.steps.size(); i++) {
			text.append("  ").append(i).append(". ").append(this.steps.get(i)).append('\n');
		}
		return text.toString();
	}

}
