package dev.hubsync.infra.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class the JVM's shared infrastructure: parameters of type
 * {@link dev.hubsync.infra.kafka.KafkaBroker},
 * {@link dev.hubsync.infra.postgres.PostgresServer} and
 * {@link dev.hubsync.infra.demo.DemoDatabase} (a fresh demo database per parameter) are
 * resolved by {@link EmbeddedInfraExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedInfraExtension.class)
public @interface EmbeddedInfra {

}
