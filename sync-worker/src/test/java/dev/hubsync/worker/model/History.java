package dev.hubsync.worker.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * One generated history: people with their records on either or both sides before or
 * after the start, then steps — edits and clears on both sides, births, worker restarts,
 * a second replica joining and leaving, polls — and the faults of its deliveries. Made
 * from a seed alone, so a seed replays it; shrinking makes smaller histories from it.
 *
 * @param seed the seed it was made from (and the seed of its fault decisions)
 * @param persons the people, by index
 * @param steps the steps, in order
 * @param faults the delivery faults
 */
record History(long seed, List<Person> persons, List<Step> steps, Faults faults) {

	/** A side of the sync. */
	enum Side {

		PRODUCT, HUBSPOT

	}

	/** The fields the history edits: each flows both ways. */
	enum Field {

		FIRST("firstname", "first_name", "F"), LAST("lastname", "last_name", "L");

		final String property;

		final String column;

		final String prefix;

		Field(String property, String column, String prefix) {
			this.property = property;
			this.column = column;
			this.prefix = prefix;
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

	/** A step of a history. */
	sealed interface Step permits Born, Edit, Restart, Replica, Poll {

	}

	/**
	 * A person's records born after the start.
	 *
	 * @param person the person
	 */
	record Born(int person) implements Step {

	}

	/**
	 * A user's edit on one side.
	 *
	 * @param person the person
	 * @param side the side
	 * @param field the field
	 * @param value the new value; null clears it
	 */
	record Edit(int person, Side side, Field field, @Nullable String value) implements Step {

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
	 * Makes a history from a seed.
	 * @param seed the seed
	 * @param maxPersons at most this many people (at least 2)
	 * @param maxSteps at most this many steps besides births
	 * @return the history
	 */
	static History generate(long seed, int maxPersons, int maxSteps) {
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
				Field field = Field.values()[random.nextInt(Field.values().length)];
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
		return new History(seed, persons, steps, faults);
	}

	private static Person person(SplittableRandom random, int index) {
		Birth birth = Birth.values()[random.nextInt(Birth.values().length)];
		Map<Field, String> product = new EnumMap<>(Field.class);
		Map<Field, String> hubspot = new EnumMap<>(Field.class);
		for (Field field : Field.values()) {
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
	 * person, without half or one of the steps, without faults.
	 * @return the candidates
	 */
	List<History> smaller() {
		List<History> candidates = new ArrayList<>();
		for (int person = 0; person < this.persons.size() && this.persons.size() > 1; person++) {
			candidates.add(withoutPerson(person));
		}
		if (this.steps.size() > 1) {
			int half = this.steps.size() / 2;
			candidates.add(withSteps(this.steps.subList(0, half)));
			candidates.add(withSteps(this.steps.subList(half, this.steps.size())));
		}
		for (int i = this.steps.size() - 1; i >= 0; i--) {
			if (!(this.steps.get(i) instanceof Born)) {
				List<Step> fewer = new ArrayList<>(this.steps);
				fewer.remove(i);
				candidates.add(withSteps(fewer));
			}
		}
		if (!this.faults.equals(Faults.NONE)) {
			candidates.add(new History(this.seed, this.persons, this.steps, Faults.NONE));
		}
		return candidates;
	}

	private History withSteps(List<Step> kept) {
		// births stay: a person born after the start is born at their first step
		List<Step> steps = new ArrayList<>();
		for (int person = 0; person < this.persons.size(); person++) {
			Born born = new Born(person);
			if (this.steps.contains(born) && !kept.contains(born)) {
				steps.add(born);
			}
		}
		steps.addAll(kept);
		return new History(this.seed, this.persons, normalised(steps), this.faults);
	}

	private History withoutPerson(int removed) {
		List<Person> persons = new ArrayList<>(this.persons);
		persons.remove(removed);
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
			else {
				steps.add(step);
			}
		}
		return new History(this.seed, persons, normalised(steps), this.faults);
	}

	private static int renumber(int person, int removed) {
		return (person > removed) ? person - 1 : person;
	}

	/** Replica steps alternate join and leave after steps are removed. */
	private static List<Step> normalised(List<Step> steps) {
		List<Step> result = new ArrayList<>();
		boolean up = false;
		for (Step step : steps) {
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

	/**
	 * Counts what the history holds, for the run's report.
	 * @return e.g. {@code 4 people (BOTH_BEFORE, ...), 12 steps}
	 */
	String summary() {
		StringJoiner births = new StringJoiner(", ");
		this.persons.forEach((person) -> births.add(person.birth() + (person.twin() ? "+twin" : "")));
		return this.persons.size() + " people (" + births + "), " + this.steps.size() + " steps, " + this.faults;
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
		for (int i = 0; i < this.steps.size(); i++) {
			text.append("  ").append(i).append(". ").append(this.steps.get(i)).append('\n');
		}
		return text.toString();
	}

}
