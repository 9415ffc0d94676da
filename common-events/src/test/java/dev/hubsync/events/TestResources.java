package dev.hubsync.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/** Reads test resources and slices webhook arrays into their elements' exact texts. */
public final class TestResources {

	private TestResources() {
	}

	public static byte[] bytes(String path) {
		try (InputStream in = TestResources.class.getResourceAsStream("/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("no test resource " + path);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String text(String path) {
		return new String(bytes(path), StandardCharsets.UTF_8);
	}

	public static JsonNode tree(byte[] json) {
		return EventJson.mapper().readTree(json);
	}

	/**
	 * The exact text of each element of a JSON array, as the ingress slices a webhook
	 * body.
	 */
	public static List<String> arrayElements(String path) {
		byte[] body = bytes(path);
		List<String> elements = new ArrayList<>();
		try (JsonParser parser = EventJson.mapper().createParser(body)) {
			parser.nextToken();
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				int start = (int) parser.currentTokenLocation().getByteOffset();
				parser.skipChildren();
				int end = (int) parser.currentLocation().getByteOffset();
				elements.add(new String(body, start, end - start, StandardCharsets.UTF_8));
			}
		}
		return elements;
	}

}
