package dev.hubsync.mapping;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.mapping.RefusalPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalPolicyTests {

	@Test
	void aFieldMaySetItsRecordAsideOnARefusalAndRefusesAloneByDefault() throws Exception {
		String yaml = """
				mappings:
				  - objectTypeId: contacts
				    platformTable: public.leads
				    keyColumn: id
				    fields:
				      - { column: email, property: email, transform: email }
				      - { column: first_name, property: firstname }
				      - { column: phone, property: phone, onRefusal: SET_ASIDE_RECORD }
				""";
		List<MappingConfig> mappings = MappingFiles
			.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml", Instant.now());
		assertThat(mappings.get(0).fields()).extracting((field) -> field.onRefusal())
			.containsExactly(RefusalPolicy.REFUSE_FIELD, RefusalPolicy.REFUSE_FIELD, RefusalPolicy.SET_ASIDE_RECORD);
	}

}
