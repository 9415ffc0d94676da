package dev.hubsync.infra.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.hubsync.infra.TempDirectories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary data directories ({@code <tmp>/hubsync-pg/data-<uuid>}), each with a lock
 * file its server holds while it lives. A directory whose lock nobody holds was left by a
 * killed JVM: its postmaster is stopped and the directory deleted.
 */
final class TemporaryDataDirectories {

	private static final Logger logger = LoggerFactory.getLogger(TemporaryDataDirectories.class);

	private TemporaryDataDirectories() {
	}

	static void sweep(Path root, PostgresCommands commands) {
		if (!Files.isDirectory(root)) {
			return;
		}
		try (DirectoryStream<Path> locks = Files.newDirectoryStream(root, "data-*.lock")) {
			for (Path lockFile : locks) {
				sweepOne(lockFile, commands);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not sweep {}", root, ex);
		}
	}

	private static void sweepOne(Path lockFile, PostgresCommands commands) {
		String name = lockFile.getFileName().toString();
		Path dataDirectory = lockFile.resolveSibling(name.substring(0, name.length() - ".lock".length()));
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
				FileLock lock = channel.tryLock()) {
			if (lock == null) {
				return;
			}
			if (PostgresCommands.runningPostmaster(dataDirectory).isPresent()) {
				logger.info("Stopping PostgreSQL left running on {} by a killed run", dataDirectory);
				commands.stop(dataDirectory, "immediate");
			}
			delete(dataDirectory, lockFile);
		}
		catch (OverlappingFileLockException ex) {
			// held by a server of this JVM: alive
		}
		catch (IOException ex) {
			logger.debug("Could not sweep {}", dataDirectory, ex);
		}
	}

	static void delete(Path dataDirectory, Path lockFile) {
		TempDirectories.delete(dataDirectory);
		try {
			Files.deleteIfExists(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log"));
			Files.deleteIfExists(lockFile);
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}", lockFile, ex);
		}
	}

}
