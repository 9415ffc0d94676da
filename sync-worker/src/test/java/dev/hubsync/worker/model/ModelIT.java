package dev.hubsync.worker.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.hubsync.infra.junit.EmbeddedInfra;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The model-based test of issues 18 and 23: generated histories of people, their tasks,
 * tickets and owners drive the real worker (Kafka, PostgreSQL with its change capture
 * from logical decoding, the HubSpot emulator delivering webhooks), and both sides are
 * compared, once the sync is quiet, with the {@link Reference} model — no value lost, per
 * field the latest change wins, one pair per person, task and ticket, associated with the
 * person's pair, no write that changes nothing, both sides equal, nothing dead-lettered,
 * no review but the duplicate rows'.
 * <p>
 * A history is made from a seed alone. The seeds of failures found so far
 * ({@code model/seeds.txt}) run first, then new random ones; a failing history is shrunk
 * for at most {@code model.shrink-seconds} (each step re-runs the real system) and
 * reported with its seed, the smallest failing history found and its differences. Every
 * run's seeds go to {@code target/model-runs.txt}. Properties: {@code model.tries},
 * {@code model.minutes} (a budget: at least one history runs), {@code model.seed} (replay
 * one), {@code model.persons}, {@code model.steps}, {@code model.items} (tasks and
 * tickets; 0 for none, and no owners), {@code model.kept} ({@code false}: new histories
 * only); the short profile runs in CI, the long one is in {@code docs/testing.md}.
 * <p>
 * The generator and the shrinker are our own, not jqwik's: jqwik's current releases print
 * a notice asking AI agents not to use the library, and this test is written by one; the
 * issue allows either, and each try here is a whole system run whose shrinking must be
 * bounded in time anyway.
 */
@EmbeddedInfra
class ModelIT {

	private static final Logger logger = LoggerFactory.getLogger(ModelIT.class);

	private static final Path RUNS = Path.of("target", "model-runs.txt");

	@Test
	void generatedHistoriesEndAsTheReferenceModelSays() throws Exception {
		int tries = Integer.getInteger("model.tries", 3);
		Duration budget = Duration.ofMinutes(Long.getLong("model.minutes", 3));
		Duration shrinking = Duration.ofSeconds(Long.getLong("model.shrink-seconds", 120));
		int persons = Integer.getInteger("model.persons", 5);
		int steps = Integer.getInteger("model.steps", 16);
		int items = Integer.getInteger("model.items", 3);
		String replay = System.getProperty("model.seed", "").trim();
		List<Generation> generations = new ArrayList<>();
		int kept = 0;
		if (replay.isEmpty()) {
			if (Boolean.parseBoolean(System.getProperty("model.kept", "true"))) {
				generations.addAll(keptSeeds());
			}
			kept = generations.size();
			long first = new SecureRandom().nextLong();
			for (int i = 0; generations.size() < Math.max(tries, 1); i++) {
				generations.add(new Generation(first + i, persons, steps, items));
			}
		}
		else {
			generations.add(new Generation(Long.parseLong(replay), persons, steps, items));
		}
		Instant started = Instant.now();
		int ran = 0;
		for (int index = 0; index < generations.size(); index++) {
			Generation generation = generations.get(index);
			// the first new history runs even when the kept ones used the budget: a slow
			// machine still tries one with tasks, tickets and owners
			boolean firstNew = index == kept && index > 0;
			if (ran > 0 && !firstNew && Duration.between(started, Instant.now()).compareTo(budget) > 0) {
				break;
			}
			long seed = generation.seed();
			History history = History.generate(seed, generation.persons(), generation.steps(), generation.items());
			Instant began = Instant.now();
			Outcome outcome = run(history);
			List<String> violations = outcome.violations();
			ran++;
			String verdict = violations.isEmpty() ? "held" : "FAILED";
			record("seed " + seed + " " + verdict + " in " + Duration.between(began, Instant.now()).toSeconds() + " s: "
					+ history.summary());
			logger.info("Model history {} (seed {}) {}: {}", ran, seed, verdict, history.summary());
			if (!violations.isEmpty()) {
				Shrunk shrunk = shrink(history, outcome, shrinking);
				fail("A generated history ends differently from the reference model. Replay it with -Dmodel.seed="
						+ seed + " -Dmodel.persons=" + generation.persons() + " -Dmodel.steps=" + generation.steps()
						+ " -Dmodel.items=" + generation.items()
						+ " and keep it in src/test/resources/model/seeds.txt as \"" + seed + " " + generation.persons()
						+ " " + generation.steps() + " " + generation.items() + "\".\n"
						+ "Smallest failing history found (" + shrunk.runs() + " shrinking runs):\n" + shrunk.history()
						+ "Differences:\n  " + String.join("\n  ", shrunk.violations()) + "\nTimeline: "
						+ shrunk.timeline() + "\nOriginal history:\n" + history + "Original differences:\n  "
						+ String.join("\n  ", violations));
			}
		}
		record(ran + " histories held in " + Duration.between(started, Instant.now()).toSeconds() + " s");
		assertThat(ran).isPositive();
	}

	private static Outcome run(History history) throws Exception {
		try (ModelRun run = new ModelRun(history)) {
			List<String> violations = run.execute();
			return new Outcome(violations, run.timeline());
		}
	}

	/** Greedy shrinking, bounded in time: the first smaller history that still fails. */
	private static Shrunk shrink(History failing, Outcome outcome, Duration budget) throws Exception {
		Instant deadline = Instant.now().plus(budget);
		History current = failing;
		Outcome failure = outcome;
		int runs = 0;
		boolean smaller = true;
		while (smaller && Instant.now().isBefore(deadline)) {
			smaller = false;
			for (History candidate : current.smaller()) {
				if (!Instant.now().isBefore(deadline)) {
					break;
				}
				Outcome found = run(candidate);
				runs++;
				if (!found.violations().isEmpty()) {
					current = candidate;
					failure = found;
					smaller = true;
					record("  shrunk to " + candidate.summary());
					break;
				}
			}
		}
		return new Shrunk(current, failure.violations(), failure.timeline(), runs);
	}

	private record Outcome(List<String> violations, String timeline) {
	}

	private record Shrunk(History history, List<String> violations, String timeline, int runs) {
	}

	/**
	 * What a history is made from.
	 *
	 * @param seed the seed
	 * @param persons at most this many people
	 * @param steps at most this many steps
	 * @param items at most this many tasks and tickets (0: none, and no owners)
	 */
	private record Generation(long seed, int persons, int steps, int items) {
	}

	private static List<Generation> keptSeeds() throws IOException {
		List<Generation> kept = new ArrayList<>();
		try (InputStream in = ModelIT.class.getResourceAsStream("/model/seeds.txt")) {
			if (in == null) {
				return kept;
			}
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				String[] parts = line.replaceAll("#.*", "").trim().split("\\s+");
				// "seed persons steps" was kept before tasks, tickets and owners: it
				// makes the same history as then
				if (parts.length == 3 || parts.length == 4) {
					kept.add(new Generation(Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
							Integer.parseInt(parts[2]), (parts.length == 4) ? Integer.parseInt(parts[3]) : 0));
				}
			}
		}
		return kept;
	}

	private static void record(String line) throws IOException {
		Files.createDirectories(RUNS.getParent());
		Files.writeString(RUNS, Instant.now() + " " + line + "\n", StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

}
