package app.meet.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' Dockerfile, checked without a container engine: the Docker language
 * server's linter finds nothing in it, and it keeps the rules the linter does not know
 * (base images pinned, a user that is not root, a health check, the AOT cache used).
 */
class DockerfileTests {

	static final Path DOCKERFILE = Commands.PROJECT_ROOT.resolve("Dockerfile");

	private static final String LINTER_VERSION = "0.16.3";

	@Test
	void theLinterFindsNothing() {
		Commands.Result lint = lint(DOCKERFILE);

		assertThat(lint.exitCode()).isZero();
		assertThat(lint.output()).as("dockerfile-utils lint: every warning fails the build").isEmpty();
	}

	@Test
	void theLinterSpeaksUpWhenItShould(@TempDir Path directory) throws IOException {
		Path deprecated = Files.writeString(directory.resolve("Dockerfile"),
				"FROM eclipse-temurin:25.0.3_9-jre-noble\nMAINTAINER someone\n");

		assertThat(lint(deprecated).output()).contains("MAINTAINER has been deprecated");
	}

	@Test
	void everyBaseImageIsTheOnePinnedTemurinRelease() throws IOException {
		List<String> lines = Files.readAllLines(DOCKERFILE);
		Matcher pinned = Pattern.compile("^ARG TEMURIN=(\\d+)\\.(\\d+)\\.(\\d+)_(\\d+)$")
			.matcher(lines.stream().filter((line) -> line.startsWith("ARG TEMURIN=")).findFirst().orElse(""));

		assertThat(pinned.matches()).as("ARG TEMURIN names a release, such as 25.0.3_9").isTrue();
		assertThat(pinned.group(1)).isEqualTo("25");
		assertThat(lines.stream().filter((line) -> line.startsWith("FROM "))).isNotEmpty()
			.allSatisfy((from) -> assertThat(from)
				.matches("FROM eclipse-temurin:\\$\\{TEMURIN}-(jdk|jre)-noble( AS \\w+)?"));
	}

	@Test
	void theImageRunsAsAnUnprivilegedUserWithAHealthCheckAndItsAotCache() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);
		String runStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));

		assertThat(runStage).containsPattern("(?m)^USER [1-9]\\d*:[1-9]\\d*$");
		assertThat(runStage).containsPattern("(?m)^HEALTHCHECK ")
			.contains("/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT}")
			.contains("GET /actuator/health/liveness");
		assertThat(runStage).contains("-XX:AOTCacheOutput=application.aot")
			.contains("ENTRYPOINT [\"java\", \"-XX:AOTCache=application.aot\"");
	}

	private static Commands.Result lint(Path dockerfile) {
		Path linter = Commands.npmTool("dockerfile-utils", LINTER_VERSION, "dockerfile-utils");
		return Commands.run(dockerfile.getParent(), Duration.ofMinutes(1), linter.toString(), "lint",
				dockerfile.toString());
	}

}
