package dev.hubsync.devstack;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class DevStackMainTests {

	@Test
	void pollIntervalReadsDurationsAsTheServicesDo() {
		assertThat(parse("--poll-interval", "15s").pollInterval).isEqualTo(Duration.ofSeconds(15));
		assertThat(parse("--poll-interval", "5m").pollInterval).isEqualTo(Duration.ofMinutes(5));
		assertThat(parse("--poll-interval", "PT1M").pollInterval).isEqualTo(Duration.ofMinutes(1));
		assertThat(parse().pollInterval).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void anIntervalThatIsNoDurationIsRefusedWithTheFormats() {
		CommandLine command = new CommandLine(new DevStackMain());
		CommandLine.ParameterException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
				CommandLine.ParameterException.class, () -> command.parseArgs("--poll-interval", "15 seconds"));
		assertThat(refused).hasMessageContaining("use 15s, 5m, 1h or ISO-8601");
	}

	private static DevStackMain parse(String... args) {
		DevStackMain main = new DevStackMain();
		new CommandLine(main).parseArgs(args);
		return main;
	}

}
