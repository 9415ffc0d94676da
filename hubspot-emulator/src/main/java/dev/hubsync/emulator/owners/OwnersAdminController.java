package dev.hubsync.emulator.owners;

import java.util.Map;

import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.schema.DefaultData;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /_emulator/owners/{id}}: what an admin does in the portal's user settings —
 * invite a user (a new owner), change one, deactivate one ({@code "archived": true}).
 * {@code DELETE /_emulator/owners} goes back to the default owners.
 */
@RestController
class OwnersAdminController {

	private final Owners owners;

	OwnersAdminController(Owners owners) {
		this.owners = owners;
	}

	@PutMapping("/_emulator/owners/{id}")
	Map<String, Object> put(@PathVariable String id, @RequestBody OwnerBody body) {
		if (!id.matches("[0-9]{1,18}")) {
			throw ApiException.validation("owner id '" + id + "' is not numeric");
		}
		if (body.email() == null || body.email().isBlank()) {
			throw ApiException.validation("an owner needs an email");
		}
		DefaultData.Owner owner = new DefaultData.Owner(id, body.email(),
				(body.type() != null) ? body.type() : "PERSON", (body.firstName() != null) ? body.firstName() : "",
				(body.lastName() != null) ? body.lastName() : "",
				(body.userId() != null) ? body.userId() : Long.parseLong(id), Boolean.TRUE.equals(body.archived()));
		this.owners.put(owner);
		return Map.of("id", id, "archived", owner.archived());
	}

	@DeleteMapping("/_emulator/owners")
	ResponseEntity<Void> reset() {
		this.owners.reset();
		return ResponseEntity.noContent().build();
	}

	record OwnerBody(@Nullable String email, @Nullable String firstName, @Nullable String lastName,
			@Nullable String type, @Nullable Long userId, @Nullable Boolean archived) {
	}

}
