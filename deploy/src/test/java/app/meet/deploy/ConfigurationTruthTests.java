package app.meet.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One truth for configuration: what {@code docker-compose.yml} and the settings reference
 * say about each service is checked against what the service, as built, reads. A variable
 * set for a service that does not read it, a required one not set, a host name that is no
 * service, or a variable the reference leaves out fails here.
 */
class ConfigurationTruthTests {

	private static final Path SETTINGS_REFERENCE = Commands.PROJECT_ROOT.resolve("docs/settings.md");

	/** The port every image serves on (the Dockerfile's {@code SERVER_PORT}). */
	private static final int IMAGE_PORT = 8080;

	/** Where every image answers health and metrics ({@code MANAGEMENT_SERVER_PORT}). */
	private static final int MANAGEMENT_PORT = 8081;

	@Test
	void composeSetsForEachServiceOnlyWhatItReadsAndEverythingItRequires() {
		ComposeFile compose = ComposeFile.resolved();

		for (String service : ComposeTests.APPLICATIONS) {
			ServiceSettings settings = ServiceSettings.of(service);
			Map<String, String> environment = compose.environment(service);

			assertThat(environment.keySet()).as("variables compose gives %s that it does not read", service)
				.allSatisfy((variable) -> assertThat(settings.reads(variable)).as(variable).isTrue());
			assertThat(environment.keySet()).as("what %s requires outside the development profile", service)
				.containsAll(settings.required());
			assertThat(environment).as("%s runs in its production configuration", service)
				.doesNotContainKey("SPRING_PROFILES_ACTIVE");
		}
	}

	@Test
	void everyAddressComposeGivesAServiceNamesAComposeServiceOnItsPort() {
		ComposeFile compose = ComposeFile.resolved();
		Map<String, Integer> ports = Map.of("postgres", 5432, "redis", 6379, "kafka", 9092, "minio", 9000);

		for (String service : ComposeTests.APPLICATIONS) {
			compose.environment(service).forEach((variable, value) -> {
				for (String address : value.split(",")) {
					Matcher url = Pattern.compile("^https?://([^/:]+)(?::(\\d+))?").matcher(address);
					if (variable.endsWith("_HOST")) {
						assertThat(compose.services()).as("%s's %s", service, variable).containsKey(value);
					}
					else if (url.find() && !variable.equals("AUTH_ISSUER")
							&& !variable.equals("CORS_ALLOWED_ORIGINS")) {
						String host = url.group(1);
						int port = Integer.parseInt(url.group(2));
						assertThat(compose.services()).as("%s's %s", service, variable).containsKey(host);
						assertThat(port).as("%s's %s", service, variable)
							.isEqualTo(ports.getOrDefault(host, IMAGE_PORT));
					}
				}
			});
		}
		assertThat(compose.environment("chat-service")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
		assertThat(compose.environment("kafka")).containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
	}

	@Test
	void theImageServesOnThePortsComposeAndTheManifestsUse() throws IOException {
		String dockerfile = Files.readString(DockerfileTests.DOCKERFILE);

		assertThat(dockerfile).containsPattern("SERVER_PORT=" + IMAGE_PORT + "\\b")
			.containsPattern("MANAGEMENT_SERVER_PORT=" + MANAGEMENT_PORT + "\\b")
			.contains("EXPOSE " + IMAGE_PORT + " " + MANAGEMENT_PORT);
		assertThat(Yamls.map(Yamls.list(ComposeFile.resolved().service("gateway").get("ports")).getFirst()))
			.containsEntry("target", IMAGE_PORT);
		assertThat(ComposeFile.resolved().environment("gateway"))
			.containsEntry("SPRING_CLOUD_LOADBALANCER_HEALTH_CHECK_PORT", Integer.toString(MANAGEMENT_PORT));
	}

	@Test
	void theSettingsReferenceListsEveryVariableAServiceReadsAndNoOther() throws IOException {
		Set<String> documented = new TreeSet<>();
		String reference = Files.readString(SETTINGS_REFERENCE);
		// the launcher's own settings come last; the services' are checked
		String services = reference.substring(0, reference.indexOf("\n## `./meet`"));
		Matcher variable = Pattern.compile("`([A-Z][A-Z0-9_]{2,})`").matcher(services);
		while (variable.find()) {
			documented.add(variable.group(1));
		}
		Set<String> read = new TreeSet<>();
		for (String service : ComposeTests.APPLICATIONS) {
			read.addAll(ServiceSettings.of(service).variables());
		}

		assertThat(documented).as("variables the services read").containsAll(read);
		assertThat(documented).as("documented variables nobody reads")
			.allSatisfy((name) -> assertThat(
					ComposeTests.APPLICATIONS.stream().anyMatch((service) -> ServiceSettings.of(service).reads(name)))
				.as(name)
				.isTrue());
	}

	@Test
	void aVariableNoServiceReadsIsCaught() {
		ServiceSettings gateway = ServiceSettings.of("gateway");
		ServiceSettings signaling = ServiceSettings.of("signaling-service");

		assertThat(gateway.reads("GATEWAY_SECRET")).isTrue();
		assertThat(gateway.reads("MANAGEMENT_SERVER_PORT")).as("a Spring property, by its relaxed name").isTrue();
		assertThat(gateway.reads("DB_PASSWORD")).as("the gateway keeps no relational data").isFalse();
		assertThat(gateway.reads("GATEWAY_SECRETS")).isFalse();
		assertThat(signaling.reads("MINIO_ACCESS_KEY")).isFalse();
		assertThat(signaling.required()).containsExactlyInAnyOrder("REDIS_PASSWORD", "SIGNALING_SERVICE_SECRET");
	}

}
