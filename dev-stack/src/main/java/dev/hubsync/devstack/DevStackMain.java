package dev.hubsync.devstack;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar dev-stack/target/dev-stack.jar}: starts the dev stack, prints where it
 * is, and stops it on Ctrl-C (SIGINT) or SIGTERM.
 */
@Command(name = "dev-stack", mixinStandardHelpOptions = true,
		description = "Runs HubSync on embedded defaults: real Kafka and the demo PostgreSQL, state kept under one directory.")
public final class DevStackMain implements Callable<Integer> {

	/** The line that tells people and scripts the stack is ready. */
	public static final String READY = "HubSync dev stack ready";

	@Option(names = "--data-dir", description = "Where state is kept (default: ${DEFAULT-VALUE}).")
	Path dataDirectory = DevStackOptions.defaults().dataDirectory();

	@Option(names = "--fresh", description = "Delete the data directory first and start clean.")
	boolean fresh;

	@Option(names = "--kafka-port", description = "Kafka's client port (default: ${DEFAULT-VALUE}).")
	int kafkaPort = DevStackOptions.KAFKA_PORT;

	@Option(names = "--kafka-controller-port", description = "Kafka's controller port (default: ${DEFAULT-VALUE}).")
	int kafkaControllerPort = DevStackOptions.KAFKA_CONTROLLER_PORT;

	@Option(names = "--postgres-port", description = "PostgreSQL's port (default: ${DEFAULT-VALUE}).")
	int postgresPort = DevStackOptions.POSTGRES_PORT;

	/**
	 * Runs the dev stack until the process is asked to stop.
	 * @param args command-line arguments, see {@code --help}
	 */
	public static void main(String[] args) {
		System.exit(new CommandLine(new DevStackMain()).execute(args));
	}

	@Option(names = "--infra-only", description = "Start Kafka and PostgreSQL only, no services.")
	boolean infraOnly;

	@Option(names = "--emulator-port", description = "HubSpot emulator (default: ${DEFAULT-VALUE}).")
	int emulatorPort = ServicePorts.defaults().emulator();

	@Option(names = "--ingress-port", description = "webhook-ingress (default: ${DEFAULT-VALUE}).")
	int ingressPort = ServicePorts.defaults().ingress();

	@Option(names = "--mapping-port", description = "mapping-service (default: ${DEFAULT-VALUE}).")
	int mappingPort = ServicePorts.defaults().mapping();

	@Option(names = "--worker-port", description = "sync-worker (default: ${DEFAULT-VALUE}).")
	int workerPort = ServicePorts.defaults().worker();

	@Option(names = "--publisher-port", description = "outbound-publisher (default: ${DEFAULT-VALUE}).")
	int publisherPort = ServicePorts.defaults().publisher();

	@Option(names = "--poll-interval", converter = DurationOption.class,
			description = "Reconciliation poller interval: 15s, 5m, PT1M (default: 60s).")
	java.time.Duration pollInterval = java.time.Duration.ofSeconds(60);

	@Option(names = "--ingress-mode", description = "How the ingress takes HubSpot's changes: webhooks, journal"
			+ " (the emulator's webhooks journal, no webhooks sent) or both (default: ${DEFAULT-VALUE}).")
	String ingressMode = "webhooks";

	@Option(names = "--demo-data", description = "Create N records on each side once ready (default: none).")
	int demoData;

	@Option(names = "--hubspot-url", description = "A real HubSpot API (https://api.hubapi.com) instead of the"
			+ " emulator; needs HUBSYNC_HUBSPOT_ACCESS_TOKEN, HUBSYNC_HUBSPOT_APP_ID, HUBSYNC_HUBSPOT_PORTAL_ID and"
			+ " HUBSYNC_INGRESS_CLIENT_SECRETS in the environment.")
	java.net.URI hubspotUrl;

	@Override
	public Integer call() throws InterruptedException {
		ServicePorts services = this.infraOnly ? null : new ServicePorts(this.emulatorPort, this.ingressPort,
				this.mappingPort, this.workerPort, this.publisherPort);
		DevStack stack = DevStack
			.start(new DevStackOptions(this.dataDirectory, this.fresh, this.kafkaPort, this.kafkaControllerPort,
					this.postgresPort, services, this.pollInterval, this.demoData, this.hubspotUrl, this.ingressMode));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stack.close();
			stopped.countDown();
		}, "dev-stack-shutdown"));
		// CHECKSTYLE:OFF: the launcher's console output is its user interface
		System.out.println(READY);
		stack.describe().forEach(System.out::println);
		System.out.println("Press Ctrl-C to stop.");
		System.out.flush();
		// CHECKSTYLE:ON
		stopped.await();
		return 0;
	}

	/**
	 * Reads a duration option as the services read their durations (Spring Boot's
	 * {@code DurationStyle}: {@code 15s}, {@code 5m}, {@code 500ms}, ISO-8601).
	 */
	static final class DurationOption implements CommandLine.ITypeConverter<java.time.Duration> {

		@Override
		public java.time.Duration convert(String value) {
			try {
				return DurationStyle.detectAndParse(value.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new CommandLine.TypeConversionException(
						"'" + value + "' is not a duration: use 15s, 5m, 1h or ISO-8601 (PT15S)");
			}
		}

	}

}
