package dev.hubsync.devstack;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.oauth.TokenProvider;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.infra.demo.DemoDatabase;

/**
 * {@code --demo-data N}: N leads written with SQL on the platform (the publisher and the
 * worker take them to HubSpot) and N contacts created in the emulator by a user (their
 * webhooks bring them to the platform). Each start with the option adds N more on each
 * side.
 */
final class DemoData {

	private DemoData() {
	}

	static void create(int count, DemoDatabase platform, URI emulator) {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		try (Connection connection = platform.connect();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO leads (email, first_name, last_name,"
							+ " lifecycle_stage) VALUES (?, 'Demo', ?, 'lead')")) {
			for (int i = 0; i < count; i++) {
				insert.setString(1, "platform-" + batch + "-" + i + "@example.com");
				insert.setString(2, "Platform " + i);
				insert.addBatch();
			}
			insert.executeBatch();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create the demo leads: " + ex.getMessage(), ex);
		}
		HubSpotClient user = HubSpotClient.builder()
			.baseUrl(emulator)
			.tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN))
			.build();
		List<BatchInputs.Create> contacts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			contacts.add(new BatchInputs.Create(Map.of("email", "hubspot-" + batch + "-" + i + "@example.com",
					"firstname", "Demo", "lastname", "HubSpot " + i, "lifecyclestage", "lead"), null, null));
			if (contacts.size() == BatchInputs.MAX || i == count - 1) {
				user.batch().create("contacts", List.copyOf(contacts));
				contacts.clear();
			}
		}
	}

}
