package dev.hubsync.infra.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hubsync.infra.TempDirectories;

/**
 * A self-signed server certificate for {@code localhost} and {@code 127.0.0.1}, made by
 * the JDK's {@code keytool} (always there where tests run) and written as the PEM files
 * PostgreSQL reads: the certificate, which clients also take as their root certificate
 * ({@code sslrootcert}), and its unencrypted PKCS #8 key, readable by its owner only.
 * Public for tests that need a second, unrelated certificate (a wrong root certificate).
 */
public final class SelfSignedCertificate {

	private static final char[] STORE_PASSWORD = "embedded".toCharArray();

	private SelfSignedCertificate() {
	}

	/**
	 * Writes a new certificate and key unless both exist.
	 * @param certificate the certificate's file
	 * @param key the key's file
	 */
	public static void writeIfMissing(Path certificate, Path key) {
		if (Files.exists(certificate) && Files.exists(key)) {
			return;
		}
		Path work = null;
		try {
			work = Files.createTempDirectory("hubsync-pg-tls");
			Path store = work.resolve("server.p12");
			keytool(List.of("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
					"-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-storetype", "PKCS12",
					"-keystore", store.toString(), "-storepass", new String(STORE_PASSWORD)));
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(store)) {
				keyStore.load(in, STORE_PASSWORD);
			}
			Key privateKey = keyStore.getKey("server", STORE_PASSWORD);
			Certificate cert = keyStore.getCertificate("server");
			Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.UTF_8);
			Files.deleteIfExists(key);
			Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not write a self-signed certificate to " + certificate, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("could not read the certificate keytool made", ex);
		}
		finally {
			if (work != null) {
				TempDirectories.delete(work);
			}
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static void keytool(List<String> arguments) throws IOException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		if (!Files.isExecutable(keytool)) {
			throw new IllegalStateException("no keytool at " + keytool + ": PostgreSQL with TLS needs a JDK");
		}
		Path output = Files.createTempFile("hubsync-keytool", ".log");
		try {
			List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
			command.addAll(arguments);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("keytool did not finish within 60 s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed with exit code " + process.exitValue() + ": "
						+ Files.readString(output, StandardCharsets.UTF_8).trim());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running keytool", ex);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}
