package dev.hubsync.infra.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL script written for {@code psql -v name=value -f script.sql}, run over JDBC where
 * no {@code psql} is installed (the embedded binaries ship none): {@code :'name'} becomes
 * the value as a string literal, {@code :"name"} as an identifier, as psql does.
 * {@code :"DBNAME"} is the database the script runs in, as psql sets it. Nothing else of
 * psql (backslash commands, {@code :name} unquoted) is supported, and a variable the
 * caller did not set fails, as psql's {@code ON_ERROR_STOP} would.
 */
public final class PsqlScript {

	private static final Pattern VARIABLE = Pattern.compile(":(['\"])([A-Za-z_][A-Za-z0-9_]*)\\1");

	private final String text;

	private PsqlScript(String text) {
		this.text = text;
	}

	/**
	 * Reads a script.
	 * @param file the script
	 * @return the script
	 */
	public static PsqlScript read(Path file) {
		try {
			return new PsqlScript(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read " + file, ex);
		}
	}

	/**
	 * Returns the script with its variables substituted.
	 * @param database the database it runs in ({@code DBNAME})
	 * @param variables the values of its variables
	 * @return the SQL
	 * @throws IllegalArgumentException naming a variable without a value
	 */
	public String sql(String database, Map<String, String> variables) {
		Map<String, String> values = new LinkedHashMap<>(variables);
		values.putIfAbsent("DBNAME", database);
		Matcher matcher = VARIABLE.matcher(this.text);
		StringBuilder sql = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(2));
			if (value == null) {
				throw new IllegalArgumentException("the script uses the variable " + matcher.group(2) + ", not given");
			}
			String quote = matcher.group(1);
			matcher.appendReplacement(sql,
					Matcher.quoteReplacement(quote + value.replace(quote, quote + quote) + quote));
		}
		matcher.appendTail(sql);
		return sql.toString();
	}

	/**
	 * Runs the script as the superuser, each statement on its own, as psql does.
	 * @param server the server
	 * @param database the database
	 * @param variables the values of its variables
	 */
	public void run(PostgresServer server, String database, Map<String, String> variables) {
		server.execute(database, sql(database, variables));
	}

}
