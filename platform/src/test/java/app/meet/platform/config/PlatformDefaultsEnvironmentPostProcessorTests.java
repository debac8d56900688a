package app.meet.platform.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PlatformDefaultsEnvironmentPostProcessorTests {

	private final PlatformDefaultsEnvironmentPostProcessor processor = new PlatformDefaultsEnvironmentPostProcessor();

	@Test
	void withoutTheDevelopmentProfileAServiceWhoseCredentialsAreNotSetDoesNotStart() {
		StandardEnvironment environment = environment(Map.of("meet.gateway.client.secret", "${GATEWAY_SECRET}"));

		assertThatIllegalStateException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment, new SpringApplication()))
			.withMessageContaining("GATEWAY_SECRET")
			.withMessageContaining("DB_PASSWORD")
			.withMessageContaining("REDIS_PASSWORD")
			.withMessageContaining("MINIO_SECRET_KEY");
	}

	@Test
	void credentialsSetInTheEnvironmentAreTaken() {
		StandardEnvironment environment = environment(Map.of("meet.gateway.client.secret", "${GATEWAY_SECRET}",
				"GATEWAY_SECRET", "a-secret-of-some-length", "DB_PASSWORD", "db", "REDIS_PASSWORD", "redis",
				"MINIO_ACCESS_KEY", "access", "MINIO_SECRET_KEY", "secret"));

		this.processor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("meet.gateway.client.secret")).isEqualTo("a-secret-of-some-length");
		assertThat(environment.getProperty("spring.data.redis.password")).isEqualTo("redis");
	}

	@Test
	void theDevelopmentProfileGivesTheEmbeddedStacksCredentials() {
		StandardEnvironment environment = environment(Map.of("spring.datasource.username", "chat_service"));
		environment.setActiveProfiles(PlatformDefaultsEnvironmentPostProcessor.DEVELOPMENT_PROFILE);

		this.processor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("chat_service");
		assertThat(environment.getProperty("spring.data.redis.password")).isEqualTo("meet-dev-redis");
	}

	@Test
	void theTrainingRunOfTheAotCacheReachesForNoServerWhateverElseIsSet() {
		StandardEnvironment environment = environment(Map.of("spring.datasource.username", "chat_service",
				"spring.flyway.enabled", "true", "spring.kafka.admin.auto-create", "true"));
		environment.setActiveProfiles(PlatformDefaultsEnvironmentPostProcessor.DEVELOPMENT_PROFILE,
				PlatformDefaultsEnvironmentPostProcessor.AOT_TRAINING_PROFILE);

		this.processor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.flyway.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("spring.kafka.admin.auto-create")).isEqualTo("false");
		assertThat(environment.getProperty("spring.modulith.events.republish-outstanding-events-on-restart"))
			.isEqualTo("false");
	}

	private static StandardEnvironment environment(Map<String, Object> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
		return environment;
	}

}
