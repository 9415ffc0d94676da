package dev.hubsync.ops;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the command line refuses before it connects anywhere: exit 2 and a one-line
 * message, no stack trace.
 */
class HubSyncOpsTests {

	@Test
	void onlyTheTwoEventTopicsCanBeReplayed() {
		Result result = run("replay", "--topic", "hubsync.sync.results.v1", "--since", "15m", "--bootstrap-servers",
				"localhost:1");
		assertThat(result.exit()).isEqualTo(2);
		assertThat(result.err()).startsWith("hubsync-ops: only hubsync.hubspot.events.v1 and hubsync.local.changes.v1")
			.doesNotContain("\tat ");
	}

	@Test
	void aBadDurationADirectionOrAnObjectTypeIsNamed() {
		assertThat(run("replay", "--topic", "hubsync.local.changes.v1", "--since", "soon").err())
			.contains("'soon' is not a duration");
		assertThat(run("pause", "--direction", "sideways").err()).contains("inbound or outbound");
		Result reconcile = run("reconcile", "--object", "widgets");
		assertThat(reconcile.exit()).isEqualTo(2);
		assertThat(reconcile.err()).contains("--object must be an object type");
	}

	@Test
	void helpListsEveryCommand() {
		Result result = run("--help");
		assertThat(result.exit()).isZero();
		assertThat(result.out()).contains("replay", "dlt", "status", "reconcile", "pause", "resume", "guard", "oauth");
	}

	/** Runs the command line in this JVM, capturing what it prints. */
	static Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		var commandLine = HubSyncOps.commandLine();
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		int exit = commandLine.execute(args);
		return new Result(exit, out.toString(), err.toString());
	}

	record Result(int exit, String out, String err) {

		String text() {
			return this.out + this.err;
		}

	}

}
