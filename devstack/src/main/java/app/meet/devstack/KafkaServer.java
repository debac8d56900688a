package app.meet.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real Kafka broker in KRaft combined mode (broker and controller in one process), in a
 * JVM of its own whose classpath is the broker's alone.
 */
public final class KafkaServer implements AutoCloseable {

	private static final String STARTED = "Kafka Server started";

	private final Path directory;

	private final int port;

	private final int controllerPort;

	private ManagedProcess process;

	/**
	 * @param directory holds the configuration, the log segments under {@code data/} and
	 * the broker's log
	 * @param port the client port; the controller listens on the next one
	 */
	public KafkaServer(Path directory, int port) {
		this.directory = directory;
		this.port = port;
		this.controllerPort = port + 1;
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public KafkaServer start() throws IOException {
		Files.createDirectories(this.directory);
		Path data = this.directory.resolve("data");
		Path config = this.directory.resolve("server.properties");
		Files.writeString(config, configuration(data));
		Path log = this.directory.resolve("kafka.log");
		if (!Files.exists(data.resolve("meta.properties"))) {
			format(config);
		}
		long logOffset = Files.exists(log) ? Files.size(log) : 0;
		this.process = ManagedProcess.start("kafka", java("kafka.Kafka", config.toString()), Map.of(), log);
		Waiter.await("Kafka on port " + this.port, Duration.ofSeconds(90), this.process,
				() -> Waiter.isListening(this.port) && logContainsSince(log, logOffset, STARTED));
		return this;
	}

	private void format(Path config) throws IOException {
		byte[] id = new byte[16];
		new SecureRandom().nextBytes(id);
		// One id in 64 starts with '-', which as a separate argument reads as an option.
		String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		Path log = this.directory.resolve("kafka-format.log");
		ManagedProcess.run("Kafka's storage format", java("kafka.tools.StorageTool", "format", "--standalone",
				"--cluster-id=" + clusterId, "-c", config.toString()), log, Duration.ofSeconds(60));
		if (!Files.exists(this.directory.resolve("data").resolve("meta.properties"))) {
			throw new DevStackException(
					"Formatting Kafka's storage failed; see " + log.toAbsolutePath() + ManagedProcess.tail(log));
		}
	}

	private List<String> java(String mainClass, String... arguments) {
		String classpath = Locations.kafkaLibraries().toAbsolutePath() + "/*";
		var command = new java.util.ArrayList<>(List.of(Locations.javaCommand(), "-Xms128m", "-Xmx512m",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classpath, mainClass));
		command.addAll(List.of(arguments));
		return command;
	}

	private String configuration(Path data) {
		return """
				process.roles=broker,controller
				node.id=1
				listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
				controller.listener.names=CONTROLLER
				listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
				controller.quorum.bootstrap.servers=127.0.0.1:%2$d
				log.dirs=%3$s
				num.partitions=3
				auto.create.topics.enable=true
				offsets.topic.replication.factor=1
				offsets.topic.num.partitions=3
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				""".formatted(this.port, this.controllerPort, data.toAbsolutePath());
	}

	private static boolean logContainsSince(Path log, long offset, String text) {
		try {
			byte[] bytes = Files.readAllBytes(log);
			return new String(bytes, (int) Math.min(offset, bytes.length), (int) Math.max(0, bytes.length - offset),
					java.nio.charset.StandardCharsets.UTF_8)
				.contains(text);
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.stop("TERM", Duration.ofSeconds(30));
		}
	}

}
