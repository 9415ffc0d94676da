package dev.hubsync.worker.install;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class InstallStateTests {

	private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.US_ASCII);

	private static final Instant NOW = Instant.parse("2026-12-05T05:00:00Z");

	@Test
	void acceptsItsOwnStateWithinItsLifetime() {
		InstallState state = new InstallState(KEY, Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));
		String issued = state.issue();
		InstallState later = new InstallState(KEY, Duration.ofMinutes(10),
				Clock.fixed(NOW.plus(Duration.ofMinutes(9)), ZoneOffset.UTC));
		assertThatNoException().isThrownBy(() -> later.verify(issued));
	}

	@Test
	void refusesAnExpiredState() {
		String issued = new InstallState(KEY, Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC)).issue();
		InstallState later = new InstallState(KEY, Duration.ofMinutes(10),
				Clock.fixed(NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
		assertThatIllegalArgumentException().isThrownBy(() -> later.verify(issued))
			.withMessageContaining("expired")
			.withMessageContaining("/oauth/install");
	}

	@Test
	void refusesATamperedStateOrOneSignedUnderAnotherKey() {
		InstallState state = new InstallState(KEY, Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));
		String issued = state.issue();
		String[] parts = issued.split("\\.");
		String extended = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2] + "." + parts[3];
		assertThatIllegalArgumentException().isThrownBy(() -> state.verify(extended))
			.withMessageContaining("not one HubSync signed");
		InstallState other = new InstallState("o".repeat(32).getBytes(StandardCharsets.US_ASCII),
				Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));
		assertThatIllegalArgumentException().isThrownBy(() -> other.verify(issued))
			.withMessageContaining("not one HubSync signed");
		assertThatIllegalArgumentException().isThrownBy(() -> state.verify("garbage"))
			.withMessageContaining("malformed");
		assertThatIllegalArgumentException().isThrownBy(() -> state.verify(null)).withMessageContaining("no state");
	}

}
