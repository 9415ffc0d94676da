package dev.hubsync.ops;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * HubSync's OAuth installation, through the worker's admin API (the worker holds the
 * token keys; this command never sees a key or a token).
 */
@Command(name = "oauth", mixinStandardHelpOptions = true,
		description = "The OAuth installation (hubsync.hubspot.auth=oauth): status, key rotation.",
		subcommands = { OAuthCommand.Status.class, OAuthCommand.RotateKeys.class })
final class OAuthCommand {

	@Command(name = "status", mixinStandardHelpOptions = true,
			description = "The installed portal, token expiry, the key its row is encrypted under, a revocation.")
	static final class Status implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		Connections connections;

		@Override
		public Integer call() {
			this.spec.commandLine().getOut().println(this.connections.worker().get("/api/oauth"));
			return 0;
		}

	}

	@Command(name = "rotate-keys", mixinStandardHelpOptions = true,
			description = "Re-encrypt the stored tokens under the active key (hubsync.hubspot.oauth.active-key);"
					+ " run it after adding a key and making it active, before removing the old key.")
	static final class RotateKeys implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		Connections connections;

		@Override
		public Integer call() {
			this.spec.commandLine().getOut().println(this.connections.worker().post("/api/oauth/rotate-keys"));
			return 0;
		}

	}

}
