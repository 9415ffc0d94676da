package dev.hubsync.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hubsync-ops}: exit 0 when done (or all is well), 1 when {@code status} finds
 * something that needs attention, 2 on an error the operator can act on (printed without
 * a stack trace).
 */
@Command(name = "hubsync-ops", mixinStandardHelpOptions = true, version = "hubsync-ops 0.1.0",
		description = "Operate HubSync: replay, dead letters, status, reconcile, pause/resume, guard, OAuth.",
		subcommands = { ReplayCommand.class, DltCommand.class, StatusCommand.class, ReconcileCommand.class,
				ControlCommands.Pause.class, ControlCommands.Resume.class, ControlCommands.Guard.class,
				OAuthCommand.class })
public final class HubSyncOps {

	private HubSyncOps() {
	}

	/**
	 * Builds the command line with HubSync's error handling.
	 * @return the command line
	 */
	public static CommandLine commandLine() {
		CommandLine commandLine = new CommandLine(HubSyncOps.class);
		commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> {
			Throwable cause = ex;
			while (!(cause instanceof OpsException) && cause.getCause() != null) {
				cause = cause.getCause();
			}
			String message = (cause instanceof OpsException) ? cause.getMessage()
					: ex.getClass().getSimpleName() + ": " + ex.getMessage();
			line.getErr().println("hubsync-ops: " + message);
			return 2;
		});
		return commandLine;
	}

	/**
	 * Runs a command.
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

}
