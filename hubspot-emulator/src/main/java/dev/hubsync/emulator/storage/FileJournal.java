package dev.hubsync.emulator.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A journal in {@code
 *
<dir>
 * /journal.jsonl}: one JSON object per line. An append is one {@code write} to the file
 * before the caller answers; the operating system keeps written data when the process is
 * killed, so no {@code fsync} is needed for that (a power loss may lose the last writes,
 * which an emulator accepts). A torn last line of a killed write is ignored.
 */
public final class FileJournal implements Journal {

	private static final Logger logger = LoggerFactory.getLogger(FileJournal.class);

	private final Path file;

	private final JsonMapper json;

	private FileChannel channel;

	/**
	 * Opens (or creates) the journal of a directory.
	 * @param directory the storage directory
	 * @param json the mapper
	 */
	public FileJournal(Path directory, JsonMapper json) {
		this.json = json;
		this.file = directory.resolve("journal.jsonl");
		try {
			Files.createDirectories(directory);
			this.channel = open(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open the emulator journal in " + directory, ex);
		}
	}

	@Override
	public synchronized void append(Entry entry) {
		byte[] line = line(entry);
		try {
			ByteBuffer buffer = ByteBuffer.wrap(line);
			while (buffer.hasRemaining()) {
				this.channel.write(buffer);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the emulator journal " + this.file, ex);
		}
	}

	@Override
	public synchronized List<Entry> replay() {
		List<Entry> entries = new ArrayList<>();
		try (BufferedReader reader = Files.newBufferedReader(this.file, StandardCharsets.UTF_8)) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				try {
					JsonNode node = this.json.readTree(line);
					entries.add(new Entry(node.get("kind").asString(),
							node.hasNonNull("type") ? node.get("type").asString() : null, node.get("data")));
				}
				catch (JacksonException | NullPointerException ex) {
					logger.warn("Ignoring unreadable journal line {} of {} (a write torn by a kill)", number,
							this.file);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the emulator journal " + this.file, ex);
		}
		return entries;
	}

	@Override
	public synchronized void rewrite(List<Entry> state) {
		Path fresh = this.file.resolveSibling("journal.jsonl.new");
		try {
			try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				for (Entry entry : state) {
					ByteBuffer buffer = ByteBuffer.wrap(line(entry));
					while (buffer.hasRemaining()) {
						out.write(buffer);
					}
				}
				out.force(true);
			}
			this.channel.close();
			Files.move(fresh, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			this.channel = open(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot compact the emulator journal " + this.file, ex);
		}
	}

	@Override
	public synchronized void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			logger.warn("Could not close {}", this.file, ex);
		}
	}

	private byte[] line(Entry entry) {
		java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
		line.put("kind", entry.kind());
		line.put("type", entry.type());
		line.put("data", entry.data());
		byte[] bytes = this.json.writeValueAsBytes(line);
		byte[] withNewline = java.util.Arrays.copyOf(bytes, bytes.length + 1);
		withNewline[bytes.length] = '\n';
		return withNewline;
	}

	private static FileChannel open(Path file) throws IOException {
		return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
	}

}
