package dev.hubsync.codebase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository these checks read: its modules, their sources and their build output.
 */
final class Repository {

	/** The root: the parent of this module's directory (Maven runs tests there). */
	static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	private Repository() {
	}

	/**
	 * Returns the modules of the build: directories under the root with a {@code pom.xml}
	 * and named as a module in the root's {@code pom.xml}.
	 * @return the module directories' names, in the root pom's order
	 */
	static List<String> modules() {
		String pom = read(ROOT.resolve("pom.xml"));
		return Stream.of(pom.split("<module>"))
			.skip(1)
			.map((part) -> part.substring(0, part.indexOf("</module>")).trim())
			.toList();
	}

	/**
	 * Returns the Java files under a directory, or none when it does not exist.
	 * @param directory the directory
	 * @return the files
	 */
	static List<Path> javaFiles(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a text file.
	 * @param file the file
	 * @return its text
	 */
	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
