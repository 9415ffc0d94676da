package dev.hubsync.emulator.api;

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RateLimitIT {

	@RegisterExtension
	static HubSpotEmulatorExtension burst = HubSpotEmulatorExtension.create()
		.property("emulator.rate-limit.ten-secondly", "5")
		.property("emulator.rate-limit.window", "1s")
		.property("emulator.rate-limit.search-per-second", "2")
		.property("emulator.search.index-delay", "300ms");

	@RegisterExtension
	static HubSpotEmulatorExtension daily = HubSpotEmulatorExtension.create()
		.property("emulator.rate-limit.daily", "3");

	@Test
	void burstLimitAnswersHubSpotsExact429() {
		Http api = new Http(burst.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
		await().until(() -> api.get("/crm/v3/objects/contacts").status() == 200);
		await().until(() -> api.get("/crm/v3/objects/contacts").status() == 429);
		Http.Response limited = api.get("/crm/v3/objects/contacts");
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Content-Type")).startsWith("application/json");
		assertThat(limited.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("0");
		JsonNode body = limited.json();
		assertThat(body.get("policyName").asString()).isEqualTo("TEN_SECONDLY_ROLLING");
		assertThat(body.get("errorType").asString()).isEqualTo("RATE_LIMIT");
		assertThat(body.get("message").asString()).isEqualTo("You have reached your ten_secondly_rolling limit.");
		await().until(() -> api.get("/crm/v3/objects/contacts").status() == 200);
	}

	@Test
	void successfulAnswersCarryTheRateLimitHeaders() {
		Http api = new Http(burst.get().baseUrl(), HubSpotEmulator.USER_TOKEN);
		Http.Response ok = await().until(() -> api.get("/crm/v3/owners"), (r) -> r.status() == 200);
		assertThat(ok.header("X-HubSpot-RateLimit-Max")).isEqualTo("5");
		assertThat(ok.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("1000");
		assertThat(Integer.parseInt(ok.header("X-HubSpot-RateLimit-Remaining"))).isBetween(0, 4);
		assertThat(ok.header("X-HubSpot-RateLimit-Daily")).isEqualTo("625000");
	}

	@Test
	void searchHasItsOwnSecondlyLimitAndNoHeaders() {
		Http api = new Http(burst.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
		Http.Response limited = await().until(() -> api.post("/crm/v3/objects/contacts/search", "{}"),
				(r) -> r.status() == 429);
		assertThat(limited.json().get("message").asString()).isEqualTo("You have reached your secondly limit.");
		assertThat(limited.header("X-HubSpot-RateLimit-Remaining")).isNull();
	}

	@Test
	void datedSearchCountsAgainstTheSameSearchLimit() {
		Http api = new Http(burst.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
		Http.Response limited = await().until(() -> api.post("/crm/objects/2026-09/contacts/search", "{}"),
				(r) -> r.status() == 429);
		assertThat(limited.json().get("message").asString()).isEqualTo("You have reached your secondly limit.");
	}

	@Test
	void searchSeesWritesOnlyAfterTheIndexDelay() {
		Http api = new Http(burst.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
		burst.get().admin().reset();
		String body = "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"email\",\"operator\":\"EQ\",\"value\":\"late@x.io\"}]}]}";
		await().until(() -> api.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"late@x.io\"}}")
			.status() == 201);
		Http.Response immediately = await().until(() -> api.post("/crm/v3/objects/contacts/search", body),
				(r) -> r.status() == 200);
		assertThat(immediately.json().get("total").asInt()).isZero();
		await().until(() -> {
			Http.Response later = api.post("/crm/v3/objects/contacts/search", body);
			return later.status() == 200 && later.json().get("total").asInt() == 1;
		});
	}

	@Test
	void dailyLimitAnswersTheDailyPolicy() {
		Http api = new Http(daily.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
		Http.Response limited = null;
		for (int i = 0; i < 5 && (limited == null || limited.status() != 429); i++) {
			limited = api.get("/crm/v3/objects/deals");
		}
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.json().get("policyName").asString()).isEqualTo("DAILY");
		assertThat(limited.json().get("message").asString()).isEqualTo("You have reached your daily limit.");
	}

}
