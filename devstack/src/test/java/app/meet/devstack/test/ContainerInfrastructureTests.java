package app.meet.devstack.test;

import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the {@code testcontainers} profile gives a service's test context, checked without
 * a container engine (the containers are declared, not started).
 */
class ContainerInfrastructureTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(ContainerInfrastructure.class);

	@Test
	void aServiceWithADatabaseGetsPostgresAsItsOwnRoleAndOnlyTheServersItHasClientsFor() {
		this.contexts.withPropertyValues("spring.datasource.username=chat_service", "spring.flyway.default-schema=chat")
			.run((context) -> {
				PostgreSQLContainer postgres = context.getBean(PostgreSQLContainer.class);
				assertThat(postgres.getUsername()).isEqualTo("chat_service");
				assertThat(postgres.getDatabaseName()).isEqualTo("meet");
				assertThat(context).as("Kafka's client is on this classpath, Redis' and MinIO's are not")
					.hasSingleBean(KafkaContainer.class)
					.doesNotHaveBean("redis")
					.doesNotHaveBean("minio");
			});
	}

	@Test
	void aServiceWithoutADatabaseGetsNone() {
		this.contexts.run((context) -> assertThat(context).doesNotHaveBean(PostgreSQLContainer.class));
	}

	@Test
	void theEmbeddedServersAreTheDefault() {
		assertThat(ContainerInfrastructure.selected()).isFalse();
	}

}
