package dev.hubsync.codebase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scopes an OAuth install asks for by default ({@code hubsync.hubspot.oauth.scopes})
 * are the scopes the shipped HubSpot app requires ({@code deploy/hubspot-app}), so a
 * portal installed either way grants the same: an object type added to one and not the
 * other would be refused by HubSpot only on a real portal (the emulator checks no scope).
 */
class HubSpotAppScopesTests {

	@Test
	void theDefaultInstallScopesAreTheAppsRequiredScopes() {
		JsonMapper json = JsonMapper.builder().build();
		JsonNode app = json.readTree(Repository.ROOT.resolve("deploy/hubspot-app/src/app/app-hsmeta.json").toFile());
		List<String> required = new ArrayList<>();
		app.at("/config/auth/requiredScopes").forEach((scope) -> required.add(scope.asString()));
		assertThat(required).as("the app's required scopes").isNotEmpty();
		Path metadata = Repository.ROOT
			.resolve("hubspot-client/target/classes/META-INF/spring-configuration-metadata.json");
		JsonNode property = null;
		for (JsonNode candidate : json.readTree(metadata.toFile()).get("properties")) {
			if (candidate.get("name").asString().equals("hubsync.hubspot.oauth.scopes")) {
				property = candidate;
			}
		}
		assertThat(property).as("hubsync.hubspot.oauth.scopes in the metadata").isNotNull();
		String text = property.get("defaultValue").asString();
		List<String> defaults = List.of(text.substring(1, text.length() - 1).split(",\\s*"));
		assertThat(defaults).as("hubsync.hubspot.oauth.scopes (besides oauth, which an OAuth install adds)")
			.filteredOn((scope) -> !scope.equals("oauth"))
			.containsExactlyInAnyOrderElementsOf(required);
	}

}
