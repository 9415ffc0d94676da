package dev.hubsync.worker.directory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hubsync.hubspot.owners.Owner;
import dev.hubsync.mapping.transform.ConversionFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OwnersTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T10:00:00Z"), ZoneOffset.UTC);

	private final List<Owner> owners = new ArrayList<>(List.of(owner("1", "Ann@Example.com", false),
			owner("2", "bo@example.com", false), owner("3", "former@example.com", true), owner("4", null, false)));

	private final List<UserTable.User> users = new ArrayList<>(
			List.of(new UserTable.User("u-ann", "ann@example.com", true),
					new UserTable.User("u-former", "former@example.com", true),
					new UserTable.User("u-idle", "idle@example.com", false)));

	private final AtomicInteger ownerReads = new AtomicInteger();

	private final Owners directory = new Owners(() -> {
		this.ownerReads.incrementAndGet();
		return List.copyOf(this.owners);
	}, () -> List.copyOf(this.users), this.clock, Duration.ofSeconds(30));

	@Test
	void matchesOwnersAndUsersByEmailIgnoringCase() {
		assertThat(this.directory.userOfOwner("1")).isEqualTo("u-ann");
		assertThat(this.directory.ownerOfUser("u-ann")).isEqualTo("1");
		assertThat(this.ownerReads).hasValue(1);
	}

	@Test
	void refusesWithTheReason() {
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> this.directory.userOfOwner("2"))
			.withMessage("no product user has the email bo@example.com of HubSpot owner 2");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> this.directory.userOfOwner("4"))
			.withMessageContaining("has no email");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> this.directory.ownerOfUser("u-former"))
			.withMessageContaining("is deactivated");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> this.directory.ownerOfUser("u-idle"))
			.withMessageContaining("is not active");
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> this.directory.ownerOfUser("u-nobody"))
			.withMessageContaining("not in the product's users table");
		// a deactivated owner's records still name it: its user is found
		assertThat(this.directory.userOfOwner("3")).isEqualTo("u-former");
	}

	@Test
	void anUnknownOwnerIsReadAgainAtMostOncePerInterval() {
		assertThat(this.directory.userOfOwner("1")).isEqualTo("u-ann");
		this.owners.add(owner("5", "cy@example.com", false));
		this.users.add(new UserTable.User("u-cy", "cy@example.com", true));
		assertThat(this.directory.userOfOwner("5")).isEqualTo("u-cy");
		assertThat(this.ownerReads).hasValue(2);
		this.owners.add(owner("6", "dee@example.com", false));
		this.users.add(new UserTable.User("u-dee", "dee@example.com", true));
		assertThatExceptionOfType(ConversionFailure.class).isThrownBy(() -> this.directory.userOfOwner("6"))
			.withMessageContaining("not among HubSpot's owners");
		assertThat(this.ownerReads).as("within the miss interval").hasValue(2);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.directory.userOfOwner("6")).isEqualTo("u-dee");
		assertThat(this.ownerReads).hasValue(3);
	}

	@Test
	void theScheduledRefreshReadsOnlyWhatWasRead() {
		this.directory.refreshIfRead();
		assertThat(this.ownerReads).hasValue(0);
		this.directory.ownerOfUser("u-ann");
		this.owners.set(0, owner("1", "ann@example.com", true));
		this.owners.add(owner("7", "ann@example.com", false));
		this.directory.refreshIfRead();
		assertThat(this.directory.ownerOfUser("u-ann")).isEqualTo("7");
	}

	private static Owner owner(String id, String email, boolean archived) {
		return new Owner(id, email, "PERSON", null, null, null, null, null, archived);
	}

}
