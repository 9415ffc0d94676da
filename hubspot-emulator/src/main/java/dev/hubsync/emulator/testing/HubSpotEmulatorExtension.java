package dev.hubsync.emulator.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts an emulator for a test class and stops it after:
 *
 * <pre>{@code
 * &#64;RegisterExtension
 * static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
 *     .property("emulator.webhook.retry-schedule", "10ms,20ms");
 * }</pre>
 *
 * Test methods may take a {@link HubSpotEmulator} parameter.
 */
public final class HubSpotEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private HubSpotEmulator emulator;

	private HubSpotEmulatorExtension() {
	}

	/**
	 * Creates the extension.
	 * @return the extension
	 */
	public static HubSpotEmulatorExtension create() {
		return new HubSpotEmulatorExtension();
	}

	/**
	 * Sets a property of the emulator.
	 * @param name the property
	 * @param value its value
	 * @return this extension
	 */
	public HubSpotEmulatorExtension property(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	/**
	 * Returns the running emulator.
	 * @return the emulator
	 */
	public HubSpotEmulator get() {
		if (this.emulator == null) {
			throw new IllegalStateException("the emulator starts before all tests of the class");
		}
		return this.emulator;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.emulator = HubSpotEmulator.start(this.properties);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.emulator != null) {
			this.emulator.close();
			this.emulator = null;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == HubSpotEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return get();
	}

}
