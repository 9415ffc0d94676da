package dev.hubsync.emulator.api;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hubsync.emulator.HubSpotEmulatorApplication;
import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.support.WebhookReceiver;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A durable emulator killed with SIGKILL restarts with every write it acknowledged, and
 * delivers the webhooks that were still pending.
 */
class DurableModeIT {

	@Test
	void killedEmulatorRestartsWithAcknowledgedWritesAndPendingWebhooks(@TempDir Path storage) throws Exception {
		int port = freePort();
		int deadPort = freePort();
		Process first = launch(port, storage, "http://127.0.0.1:" + deadPort + "/hook");
		Http api = new Http(URI.create("http://127.0.0.1:" + port), HubSpotEmulator.APP_TOKEN);
		List<String> contacts = new ArrayList<>();
		String company;
		String carType;
		String car;
		String ownerGone;
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> reachable(api));
			assertThat(api
				.post("/crm/v3/properties/contacts",
						"{\"name\":\"tier\",\"label\":\"Tier\",\"type\":\"string\","
								+ "\"fieldType\":\"text\",\"groupName\":\"contactinformation\"}")
				.status()).isEqualTo(201);
			for (int i = 0; i < 20; i++) {
				Http.Response created = api.post("/crm/v3/objects/contacts",
						"{\"properties\":{\"email\":\"k" + i + "@x.io\",\"tier\":\"gold\"}}");
				assertThat(created.status()).isEqualTo(201);
				contacts.add(created.json().get("id").asString());
			}
			company = api.post("/crm/v3/objects/companies", "{\"properties\":{\"name\":\"Kept\"}}")
				.json()
				.get("id")
				.asString();
			assertThat(api
				.put("/crm/v4/objects/contacts/" + contacts.get(0) + "/associations/default/companies/" + company, null)
				.status()).isEqualTo(200);
			assertThat(api
				.patch("/crm/v3/objects/contacts/" + contacts.get(1), "{\"properties\":{\"firstname\":\"Last\"}}")
				.status()).isEqualTo(200);
			// a custom object: its schema, a record and an association of its own type
			carType = api
				.post("/crm/v3/schemas",
						"{\"name\":\"cars\",\"labels\":{\"singular\":\"Car\",\"plural\":\"Cars\"},\"properties\":"
								+ "[{\"name\":\"model\",\"label\":\"Model\",\"type\":\"string\"}],"
								+ "\"associatedObjects\":[\"CONTACT\"]}")
				.json()
				.get("objectTypeId")
				.asString();
			car = api.post("/crm/v3/objects/" + carType, "{\"properties\":{\"model\":\"T\"}}")
				.json()
				.get("id")
				.asString();
			assertThat(api
				.put("/crm/v4/objects/" + carType + "/" + car + "/associations/default/contacts/" + contacts.get(2),
						null)
				.status()).isEqualTo(200);
			// a user invited to the portal, and a default owner deactivated
			assertThat(api
				.put("/_emulator/owners/90001",
						"{\"email\":\"invited@x.io\",\"firstName\":\"Ina\",\"lastName\":\"Vited\"}")
				.status()).isEqualTo(200);
			String deactivated = api.get("/crm/v3/owners").json().at("/results/0/id").asString();
			String deactivatedEmail = api.get("/crm/v3/owners").json().at("/results/0/email").asString();
			assertThat(api
				.put("/_emulator/owners/" + deactivated, "{\"email\":\"" + deactivatedEmail + "\",\"archived\":true}")
				.status()).isEqualTo(200);
			ownerGone = deactivated;
		}
		finally {
			first.destroyForcibly();
			first.waitFor(30, TimeUnit.SECONDS);
		}
		try (WebhookReceiver receiver = WebhookReceiver.start("/hook")) {
			Process second = launch(port, storage, receiver.url("/hook"));
			try {
				await().atMost(Duration.ofSeconds(60)).until(() -> reachable(api));
				for (String id : contacts) {
					assertThat(api.get("/crm/v3/objects/contacts/" + id + "?properties=tier")
						.json()
						.at("/properties/tier")
						.asString()).isEqualTo("gold");
				}
				assertThat(api.get("/crm/v3/objects/contacts/" + contacts.get(1) + "?properties=firstname")
					.json()
					.at("/properties/firstname")
					.asString()).isEqualTo("Last");
				assertThat(api.get("/crm/v4/objects/contacts/" + contacts.get(0) + "/associations/companies")
					.json()
					.at("/results/0/toObjectId")
					.asString()).isEqualTo(company);
				assertThat(
						api.get("/crm/v3/objects/p" + HubSpotEmulator.PORTAL_ID + "_cars/" + car + "?properties=model")
							.json()
							.at("/properties/model")
							.asString())
					.isEqualTo("T");
				assertThat(api.get("/crm/v4/objects/contacts/" + contacts.get(2) + "/associations/" + carType)
					.json()
					.at("/results/0/toObjectId")
					.asString()).isEqualTo(car);
				assertThat(api.get("/crm/v3/owners/90001").json().get("email").asString())
					.as("an owner added through the admin API survives the restart")
					.isEqualTo("invited@x.io");
				assertThat(activeOwnerIds(api)).as("a deactivated owner stays deactivated")
					.contains("90001")
					.doesNotContain(ownerGone);
				assertThat(api.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"K0@x.io\"}}").status())
					.as("the email index is rebuilt")
					.isEqualTo(409);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> receiver.acceptedEvents()
						.stream()
						.filter((e) -> "contact.creation".equals(e.get("subscriptionType").asString()))
						.count() == 20);
				JsonNode lastChange = receiver.acceptedEvents()
					.stream()
					.filter((e) -> "firstname".equals(e.path("propertyName").asString()))
					.findFirst()
					.orElseThrow();
				assertThat(lastChange.get("propertyValue").asString()).isEqualTo("Last");
			}
			finally {
				second.destroyForcibly();
				second.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	private static Process launch(int port, Path storage, String target) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-cp", classPath(), HubSpotEmulatorApplication.class.getName(), "--server.port=" + port,
				"--server.address=127.0.0.1", "--emulator.storage.dir=" + storage,
				"--emulator.webhook.target-url=" + target, "--emulator.webhook.retry-schedule=1h,1h",
				"--logging.level.root=WARN");
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(storage.resolveSibling(storage.getFileName() + ".log").toFile())
			.start();
	}

	private static List<String> activeOwnerIds(Http api) {
		List<String> ids = new ArrayList<>();
		api.get("/crm/v3/owners").json().get("results").forEach((owner) -> ids.add(owner.get("id").asString()));
		return ids;
	}

	private static boolean reachable(Http api) {
		try {
			return api.get("/crm/v3/owners").status() == 200;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	private static String classPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		String path = (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
		return String.join(File.pathSeparator, path.split(File.pathSeparator));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
