package dev.hubsync.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary directories of embedded servers: created under the system's temp directory.
 */
public final class TempDirectories {

	private static final Logger logger = LoggerFactory.getLogger(TempDirectories.class);

	private TempDirectories() {
	}

	/**
	 * Creates a new temporary directory.
	 * @param prefix the directory name's prefix
	 * @return the directory
	 */
	public static Path create(String prefix) {
		try {
			return Files.createTempDirectory(prefix + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes a directory and everything in it; failures are logged, not thrown.
	 * @param directory the directory
	 */
	public static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Could not delete {}", directory, ex);
		}
	}

}
