package dev.hubsync.devstack;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.oauth.TokenProvider;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.owners.Owner;
import dev.hubsync.infra.demo.DemoDatabase;
import org.jspecify.annotations.Nullable;

/**
 * The dev stack's demo data. Always: a product user for each of the emulator's active
 * owners, with the owner's email, so owners sync both ways ({@link #users}).
 * {@code --demo-data N}: N leads written with SQL on the platform (the publisher and the
 * worker take them to HubSpot) and N contacts created in the emulator by a user (their
 * webhooks bring them to the platform), each owned in turn by the owners. Each start with
 * the option adds N more on each side.
 */
final class DemoData {

	private DemoData() {
	}

	/**
	 * Makes a product user for each active owner of the emulator that has none (by
	 * email); users made before are kept as they are.
	 * @param platform the demo database
	 * @param emulator the emulator
	 */
	static void users(DemoDatabase platform, URI emulator) {
		List<Owner> owners = client(emulator).owners().list(false);
		try (Connection connection = platform.connect();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO users (email, name) VALUES (?, ?) ON CONFLICT (email) DO NOTHING")) {
			for (Owner owner : owners) {
				if (owner.email() == null) {
					continue; // a queue, say: nobody to log in as
				}
				insert.setString(1, owner.email());
				insert.setString(2, (nullToEmpty(owner.firstName()) + " " + nullToEmpty(owner.lastName())).strip());
				insert.addBatch();
			}
			insert.executeBatch();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create the demo users: " + ex.getMessage(), ex);
		}
	}

	static void create(int count, DemoDatabase platform, URI emulator) {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		HubSpotClient user = client(emulator);
		List<String> owners = user.owners().list(false).stream().map(Owner::id).toList();
		try (Connection connection = platform.connect();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO leads (email, first_name, last_name, lifecycle_stage, owner_id)"
							+ " VALUES (?, 'Demo', ?, 'lead', (SELECT id FROM users ORDER BY email LIMIT 1 OFFSET ?))")) {
			for (int i = 0; i < count; i++) {
				insert.setString(1, "platform-" + batch + "-" + i + "@example.com");
				insert.setString(2, "Platform " + i);
				insert.setInt(3, i % Math.max(1, owners.size()));
				insert.addBatch();
			}
			insert.executeBatch();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create the demo leads: " + ex.getMessage(), ex);
		}
		List<BatchInputs.Create> contacts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, String> properties = new LinkedHashMap<>(
					Map.of("email", "hubspot-" + batch + "-" + i + "@example.com", "firstname", "Demo", "lastname",
							"HubSpot " + i, "lifecyclestage", "lead"));
			if (!owners.isEmpty()) {
				properties.put("hubspot_owner_id", owners.get(i % owners.size()));
			}
			contacts.add(new BatchInputs.Create(properties, null, null));
			if (contacts.size() == BatchInputs.MAX || i == count - 1) {
				user.batch().create("contacts", List.copyOf(contacts));
				contacts.clear();
			}
		}
	}

	private static HubSpotClient client(URI emulator) {
		return HubSpotClient.builder().baseUrl(emulator).tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN)).build();
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
