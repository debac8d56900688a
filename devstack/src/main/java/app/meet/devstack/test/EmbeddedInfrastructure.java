package app.meet.devstack.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import app.meet.devstack.Stack;

import org.springframework.test.context.ActiveProfiles;

/**
 * Runs a Spring test context against real PostgreSQL, Kafka, Redis and S3 servers,
 * started once per test JVM in a throwaway directory and shared by every context that
 * asks for them, in the services' development profile (the servers' credentials).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ActiveProfiles(Stack.DEVELOPMENT_PROFILE)
public @interface EmbeddedInfrastructure {

}
