package dev.hubsync.ops;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pause, resume and the mass-deletion guard, through the worker's admin API.
 */
final class ControlCommands {

	private ControlCommands() {
	}

	/** What pause and resume share. */
	abstract static class Switch implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		Connections connections;

		@Option(names = "--direction", required = true, description = "inbound (HubSpot to platform) or outbound.")
		String direction;

		@Option(names = "--object", split = ",",
				description = "Object types (default: every type the worker has a mapping for).")
		List<String> objects = List.of();

		abstract String action();

		/**
		 * The object types the worker's mappings in force name, as its status lists them.
		 */
		private static List<String> mapped(WorkerApi worker) {
			List<String> types = new java.util.ArrayList<>();
			JsonMapper.builder()
				.build()
				.readTree(worker.get("/api/status"))
				.path("mappings")
				.propertyNames()
				.forEach(types::add);
			return types;
		}

		@Override
		public Integer call() {
			String direction = this.direction.toLowerCase(Locale.ROOT);
			if (!direction.equals("inbound") && !direction.equals("outbound")) {
				throw new OpsException("--direction must be inbound or outbound, not '" + this.direction + "'");
			}
			WorkerApi worker = this.connections.worker();
			for (String object : this.objects.isEmpty() ? mapped(worker) : this.objects) {
				worker.post("/api/" + direction + "/" + object + "/" + action());
				this.spec.commandLine().getOut().printf("%s %s %s%n", direction, object, action() + "d");
			}
			return 0;
		}

	}

	@Command(name = "pause", mixinStandardHelpOptions = true,
			description = "Pause a direction: its events are parked in order until resume.")
	static final class Pause extends Switch {

		@Override
		String action() {
			return "pause";
		}

	}

	@Command(name = "resume", mixinStandardHelpOptions = true,
			description = "Resume a direction: parked events are published again in order.")
	static final class Resume extends Switch {

		@Override
		String action() {
			return "resume";
		}

	}

	@Command(name = "guard", mixinStandardHelpOptions = true, description = "The mass-deletion guard.",
			subcommands = { Release.class, GuardStatus.class })
	static final class Guard {

	}

	@Command(name = "release", mixinStandardHelpOptions = true,
			description = "Apply the deletions the guard parked for an object type.")
	static final class Release implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		Connections connections;

		@Option(names = "--object", required = true, description = "contacts, companies or deals.")
		String object;

		@Override
		public Integer call() {
			String body = this.connections.worker().post("/api/guard/" + this.object + "/release");
			this.spec.commandLine().getOut().println(body);
			return 0;
		}

	}

	@Command(name = "status", mixinStandardHelpOptions = true, description = "The guard's state.")
	static final class GuardStatus implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		Connections connections;

		@Override
		public Integer call() {
			this.spec.commandLine().getOut().println(this.connections.worker().get("/api/guard"));
			return 0;
		}

	}

}
