package app.meet.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import app.meet.devstack.ServiceDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training run of the JDK AOT cache, exactly as the Dockerfile runs it while an image
 * is built (where no server is reachable), for every service's jar extracted as in the
 * image: the context refreshes without reaching for PostgreSQL, Kafka, Redis or S3, and
 * the cache is written. Two services train at a time: a training run keeps about one core
 * busy.
 */
@Execution(ExecutionMode.CONCURRENT)
class AotTrainingTests {

	private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

	static Stream<ServiceDefinition> services() {
		return Stream.concat(Stream.of(ServiceDefinition.GATEWAY), ServiceDefinition.SERVICES.stream());
	}

	@ParameterizedTest
	@MethodSource("services")
	void theImagesTrainingRunNeedsNoServer(ServiceDefinition service) throws IOException {
		Path jar = service.jar(Commands.PROJECT_ROOT);
		Path application = Path.of("target", "aot-training", service.name()).toAbsolutePath();
		// as the Dockerfile extracts it, its layers in one directory
		Commands.Result extracted = Commands.run(application.getParent(), Duration.ofMinutes(1), JAVA.toString(),
				"-Djarmode=tools", "-jar", jar.toString(), "extract", "--force", "--application-filename",
				"application.jar", "--destination", application.toString());
		assertThat(extracted.exitCode()).as(extracted.output()).isZero();

		List<String> command = new ArrayList<>(List.of(JAVA.toString()));
		command.addAll(trainingOptions());
		command.addAll(List.of("-jar", "application.jar"));
		Commands.Result training = Commands.run(application, Duration.ofMinutes(3), command.toArray(String[]::new));

		assertThat(training.exitCode()).as(training.output()).isZero();
		assertThat(application.resolve("application.aot")).isNotEmptyFile();
	}

	/**
	 * The options between {@code java} and {@code -jar} of the Dockerfile's training run.
	 */
	private static List<String> trainingOptions() throws IOException {
		String dockerfile = Files.readString(DockerfileTests.DOCKERFILE).replace("\\\n", " ");
		Matcher training = Pattern.compile("RUN java (-XX:AOTCacheOutput=application\\.aot .*?) -jar application\\.jar")
			.matcher(dockerfile);
		assertThat(training.find()).as("the Dockerfile's training run").isTrue();
		return List.of(training.group(1).trim().split("\\s+"));
	}

}
