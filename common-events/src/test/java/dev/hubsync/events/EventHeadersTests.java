package dev.hubsync.events;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventHeadersTests {

	@Test
	void deadLetterCoordinatesAreBinaryAsSpringKafkaWritesThem() {
		assertThat(EventHeaders.int32(3)).containsExactly(0, 0, 0, 3);
		assertThat(EventHeaders.int64(258)).containsExactly(0, 0, 0, 0, 0, 0, 1, 2);
		assertThat(EventHeaders.display(EventHeaders.DLT_ORIGINAL_PARTITION, EventHeaders.int32(3))).isEqualTo("3");
		assertThat(EventHeaders.display(EventHeaders.DLT_ORIGINAL_OFFSET, EventHeaders.int64(1234567890123L)))
			.isEqualTo("1234567890123");
		assertThat(EventHeaders.display(EventHeaders.DLT_ORIGINAL_TIMESTAMP, EventHeaders.int64(1764900000000L)))
			.isEqualTo("1764900000000");
	}

	@Test
	void textHeadersAndOlderTextCoordinatesReadAsText() {
		assertThat(EventHeaders.display(EventHeaders.DLT_REASON, "no row".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("no row");
		// a dead letter an older HubSync wrote with text coordinates stays readable
		assertThat(EventHeaders.display(EventHeaders.DLT_ORIGINAL_OFFSET, "42".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("42");
	}

}
