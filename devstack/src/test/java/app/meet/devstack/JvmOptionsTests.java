package app.meet.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StackJvmOptionsTests {

	private static final ServiceDefinition CHAT = ServiceDefinition.named("chat-service");

	private static final ServiceDefinition AUTH = ServiceDefinition.named("auth-service");

	@TempDir
	Path directory;

	@Test
	void servicesStartQuicklyByDefault() {
		assertThat(stack().jvmOptions(CHAT)).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
	}

	@Test
	void optionsForOneServiceComeLastAndLeaveTheOthersAlone() {
		Stack stack = stack().withJvmOptions(List.of("-Xmx512m"))
			.withJvmOptions("chat-service", List.of("-XX:TieredStopAtLevel=4"));

		assertThat(stack.jvmOptions(CHAT)).endsWith("-Xmx512m", "-XX:TieredStopAtLevel=4");
		assertThat(stack.jvmOptions(AUTH)).endsWith("-XX:+UseSerialGC", "-Xmx512m")
			.doesNotContain("-XX:TieredStopAtLevel=4");
	}

	@Test
	void aCollectorChosenForAServiceReplacesTheDefaultOne() {
		Stack stack = stack().withJvmOptions("chat-service", List.of("-XX:+UseZGC"));

		assertThat(stack.jvmOptions(CHAT)).contains("-XX:+UseZGC").doesNotContain("-XX:+UseSerialGC");
		assertThat(stack.jvmOptions(AUTH)).contains("-XX:+UseSerialGC").doesNotContain("-XX:+UseZGC");
	}

	private Stack stack() {
		return new Stack(Path.of("."), this.directory, Stack.StackPorts.random(), Map.of(), false);
	}

}
