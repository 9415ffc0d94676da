package dev.hubsync.publisher.capture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The offset store's clean-up after a failed configuration (Kafka refusing the
 * credentials) does not throw, so the engine reports the refusal itself.
 */
class OffsetStoreTests {

	@Test
	void stoppingAStoreThatWasNeverConfiguredDoesNotThrow() {
		OffsetStore store = new OffsetStore();
		assertThatNoException().isThrownBy(store::stop);
	}

}
