package dev.hubsync.infra.junit;

import java.util.Set;

import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.infra.postgres.PostgresServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves the shared broker, server and fresh demo databases as test parameters. */
public final class EmbeddedInfraExtension implements ParameterResolver {

	private static final Set<Class<?>> SUPPORTED = Set.of(KafkaBroker.class, PostgresServer.class, DemoDatabase.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return SUPPORTED.contains(parameter.getParameter().getType());
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		if (type == KafkaBroker.class) {
			return SharedInfra.kafka();
		}
		if (type == PostgresServer.class) {
			return SharedInfra.postgres();
		}
		return SharedInfra.newDemoDatabase();
	}

}
