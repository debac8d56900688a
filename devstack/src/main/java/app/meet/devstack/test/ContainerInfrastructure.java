package app.meet.devstack.test;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import app.meet.devstack.PostgresServer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The servers of {@link EmbeddedInfrastructure} as containers, for teams with Docker: the
 * {@code testcontainers} Maven profile sets {@value #PROPERTY} to {@value #SELECTED}, and
 * every test context that asks for the embedded servers gets these instead. PostgreSQL,
 * Kafka and Redis reach the context through {@link ServiceConnection}; S3 (MinIO) through
 * the settings the services read. Each context has its own containers.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ContainerInfrastructure {

	static final String PROPERTY = "meet.test.infrastructure";

	static final String SELECTED = "testcontainers";

	/** Whether this test run uses containers rather than the embedded servers. */
	public static boolean selected() {
		return SELECTED.equals(System.getProperty(PROPERTY));
	}

	/**
	 * The service's own role, owning its schema, with the search path the embedded
	 * stack's bootstrap SQL gives it.
	 */
	@Bean
	@ServiceConnection
	@ConditionalOnProperty("spring.flyway.default-schema")
	PostgreSQLContainer postgres(Environment environment) {
		String role = environment.getRequiredProperty("spring.datasource.username");
		String schema = environment.getRequiredProperty("spring.flyway.default-schema");
		return new PostgreSQLContainer("postgres:17.7-bookworm").withDatabaseName(PostgresServer.DATABASE)
			.withUsername(role)
			.withPassword(role)
			.withCopyToContainer(Transferable.of(PostgresServer.bootstrapSql(role, role, schema)),
					"/docker-entrypoint-initdb.d/10-meet.sql");
	}

	@Bean
	@ServiceConnection
	@ConditionalOnClass(name = "org.apache.kafka.clients.producer.KafkaProducer")
	KafkaContainer kafka() {
		return new KafkaContainer("apache/kafka-native:4.1.2");
	}

	@Bean
	@ServiceConnection(name = "redis")
	@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
	GenericContainer<?> redis() {
		return new GenericContainer<>("valkey/valkey:8.1.4-bookworm").withExposedPorts(6379);
	}

	@Bean
	@ConditionalOnClass(name = "io.minio.MinioClient")
	MinIOContainer minio() {
		return new MinIOContainer("minio/minio:RELEASE.2025-09-07T16-13-09Z");
	}

	@Bean
	@ConditionalOnClass(name = "io.minio.MinioClient")
	DynamicPropertyRegistrar s3Settings(MinIOContainer minio) {
		return (registry) -> {
			registry.add("meet.s3.endpoint", minio::getS3URL);
			registry.add("meet.s3.access-key", minio::getUserName);
			registry.add("meet.s3.secret-key", minio::getPassword);
		};
	}

}
