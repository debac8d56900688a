package app.meet.devstack;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmOptionsTests {

	private static final ServiceDefinition CHAT = ServiceDefinition.named("chat-service");

	private static final ServiceDefinition AUTH = ServiceDefinition.named("auth-service");

	private final JvmOptions options = new JvmOptions();

	@Test
	void servicesStartQuicklyByDefault() {
		assertThat(this.options.of(CHAT)).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
	}

	@Test
	void optionsForOneServiceComeLastAndLeaveTheOthersAlone() {
		this.options.add(List.of("-Xmx512m"));
		this.options.add("chat-service", List.of("-XX:TieredStopAtLevel=4"));

		assertThat(this.options.of(CHAT)).endsWith("-Xmx512m", "-XX:TieredStopAtLevel=4");
		assertThat(this.options.of(AUTH)).endsWith("-XX:+UseSerialGC", "-Xmx512m")
			.doesNotContain("-XX:TieredStopAtLevel=4");
	}

	@Test
	void aCollectorChosenForAServiceReplacesTheDefaultOne() {
		this.options.add("chat-service", List.of("-XX:+UseZGC"));

		assertThat(this.options.of(CHAT)).contains("-XX:+UseZGC").doesNotContain("-XX:+UseSerialGC");
		assertThat(this.options.of(AUTH)).contains("-XX:+UseSerialGC").doesNotContain("-XX:+UseZGC");
	}

}
