package dev.hubsync.infra.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PsqlScriptTests {

	@TempDir
	Path directory;

	@Test
	void substitutesLiteralsAndIdentifiersAsPsqlDoes() throws IOException {
		PsqlScript script = script("CREATE ROLE r PASSWORD :'password';\nGRANT CONNECT ON DATABASE :\"DBNAME\" TO r;\n"
				+ "SELECT 'a:b', now()::text;");
		assertThat(script.sql("platform", Map.of("password", "it's \"secret\"")))
			.isEqualTo("CREATE ROLE r PASSWORD 'it''s \"secret\"';\nGRANT CONNECT ON DATABASE \"platform\" TO r;\n"
					+ "SELECT 'a:b', now()::text;");
	}

	@Test
	void aVariableWithoutAValueIsNamed() throws IOException {
		PsqlScript script = script("CREATE ROLE r PASSWORD :'worker_password';");
		assertThatIllegalArgumentException().isThrownBy(() -> script.sql("platform", Map.of()))
			.withMessageContaining("worker_password");
	}

	private PsqlScript script(String text) throws IOException {
		return PsqlScript.read(Files.writeString(this.directory.resolve("script.sql"), text));
	}

}
