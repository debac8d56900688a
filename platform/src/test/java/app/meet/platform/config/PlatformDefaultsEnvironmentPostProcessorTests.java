package app.meet.platform.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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
	void aServiceWithoutADatabaseOrObjectStorageNeedsNoCredentialsForThem() {
		StandardEnvironment environment = environment(Map.of("REDIS_PASSWORD", "a-redis-password-of-length"));
		SpringApplication withoutClients = new SpringApplication();
		withoutClients
			.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader("org.postgresql", "io.minio")));

		this.processor.postProcessEnvironment(environment, withoutClients);

		assertThat(environment.getProperty("spring.data.redis.password")).isEqualTo("a-redis-password-of-length");
	}

	@Test
	void outsideTheDevelopmentProfileADevelopmentDefaultIsRefusedNamingItsVariable() {
		StandardEnvironment environment = environment(Map.of("spring.datasource.username", "chat_service",
				"DB_PASSWORD", "chat_service", "REDIS_PASSWORD", "meet-dev-redis", "MINIO_ACCESS_KEY",
				"an-access-key-of-length", "MINIO_SECRET_KEY", "a-secret-key-of-length"));

		assertThatExceptionOfType(UnsafeSettingsException.class)
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment, new SpringApplication()))
			.withMessageContaining("DB_PASSWORD (spring.datasource.password) has its development default")
			.withMessageContaining("REDIS_PASSWORD (spring.data.redis.password) has its development default")
			.withMessageNotContaining("MINIO");
	}

	@Test
	void thePlaceholdersOfTheExampleSettingsAreRefused() {
		StandardEnvironment environment = environment(
				Map.of("DB_PASSWORD", "a-database-password", "REDIS_PASSWORD", "change-me-redis-password",
						"MINIO_ACCESS_KEY", "an-access-key-of-length", "MINIO_SECRET_KEY", "a-secret-key-of-length"));

		assertThatExceptionOfType(UnsafeSettingsException.class)
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment, new SpringApplication()))
			.withMessage("REDIS_PASSWORD (spring.data.redis.password) is still the placeholder of .env.example");
	}

	@Test
	void theFailureReportNamesTheSettingsInsteadOfAStackTrace() {
		FailureAnalysis analysis = new UnsafeSettingsFailureAnalyzer()
			.analyze(new IllegalStateException(new UnsafeSettingsException("Credentials are not set: GATEWAY_SECRET")));

		assertThat(analysis.getDescription()).isEqualTo("Credentials are not set: GATEWAY_SECRET");
		assertThat(analysis.getAction()).contains("docs/settings.md");
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
