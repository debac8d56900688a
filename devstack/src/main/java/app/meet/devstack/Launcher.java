package app.meet.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the whole product on this machine: {@code ./meet} starts it in the foreground and
 * Ctrl-C (or {@code ./meet stop} from another terminal) stops it. Configured through the
 * environment; see the README.
 */
public final class Launcher {

	private static final int DEFAULT_GATEWAY_PORT = 8080;

	/**
	 * Where the running stack's scrape targets are written, which
	 * deploy/observability/prometheus-meet.yml reads.
	 */
	private static final String PROMETHEUS_TARGETS = "prometheus-targets.json";

	private static final Infrastructure.Ports DEFAULT_INFRASTRUCTURE_PORTS = new Infrastructure.Ports(55432, 56379,
			59092, 59000);

	/** How long {@code ./meet stop} waits for the stack to be gone. */
	private static final Duration STOP_WAIT = Duration.ofMinutes(2);

	private Launcher() {
	}

	public static void main(String[] args) throws IOException {
		Path projectRoot = Path.of("").toAbsolutePath();
		Path dataDirectory = projectRoot.resolve(env("MEET_DATA_DIR").orElse(".data"));
		Path pidFile = dataDirectory.resolve("meet.pid");
		try {
			if (args.length > 0 && args[0].equals("stop")) {
				stop(pidFile);
				return;
			}
			run(projectRoot, dataDirectory, pidFile);
		}
		catch (DevStackException ex) {
			System.err.println("meet: " + ex.getMessage());
			System.exit(1);
		}
	}

	private static void run(Path projectRoot, Path dataDirectory, Path pidFile) throws IOException {
		Optional<Long> running = runningLauncher(pidFile);
		if (running.isPresent()) {
			throw new DevStackException(
					"Meet is already running (pid " + running.get() + "); stop it with ./meet stop");
		}
		StackPorts ports = new StackPorts(intEnv("GATEWAY_PORT", DEFAULT_GATEWAY_PORT),
				new Infrastructure.Ports(intEnv("DB_PORT", DEFAULT_INFRASTRUCTURE_PORTS.postgres()),
						intEnv("REDIS_PORT", DEFAULT_INFRASTRUCTURE_PORTS.redis()),
						intEnv("KAFKA_PORT", DEFAULT_INFRASTRUCTURE_PORTS.kafka()),
						intEnv("S3_PORT", DEFAULT_INFRASTRUCTURE_PORTS.s3())));
		Map<String, Integer> instances = StackTopology.parseInstances(env("MEET_INSTANCES").orElse(""));
		Stack stack = new Stack(projectRoot, dataDirectory, ports, instances, true);
		List<String> taken = stack.takenPorts();
		if (!taken.isEmpty()) {
			throw new DevStackException(String.join("\n      ", taken)
					+ "\n      Stop whatever holds it, or choose other ports (see Configuration in the README).");
		}
		Files.createDirectories(dataDirectory);
		Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nStopping Meet...");
			stack.close();
			try {
				Files.deleteIfExists(pidFile);
			}
			catch (IOException ex) {
				System.err.println("Could not remove " + pidFile + ": " + ex.getMessage());
			}
			System.out.println("Meet stopped.");
		}, "meet-shutdown"));

		int total = stack.componentCount();
		long start = System.nanoTime();
		System.out.println("Starting Meet (data in " + projectRoot.relativize(dataDirectory) + "/, logs in "
				+ projectRoot.relativize(stack.logs()) + "/)");
		int[] ready = { 0 };
		try {
			stack.start((name) -> {
				ready[0]++;
				System.out.printf("  [%2d/%d] %-22s ready  %5.1f s%n", ready[0], total, name, seconds(start));
			});
		}
		catch (DevStackException ex) {
			System.err.println("meet: " + ex.getMessage());
			System.exit(1);
		}
		Files.writeString(dataDirectory.resolve(PROMETHEUS_TARGETS), PrometheusTargets.of(stack.requiredPorts()));
		System.out.printf("%nMeet is up in %.1f s: %s%n", seconds(start), stack.gatewayUrl());
		System.out.println("Logs: " + projectRoot.relativize(stack.logs()) + "/   Stop: Ctrl-C or ./meet stop");
		stack.superviseInstances((event) -> System.out.printf("  %s  %s%n", LocalTime.now().withNano(0), event));
		if (stack.recordingStartupCaches()) {
			System.out.println("First start of this build: the JVMs record start-up caches, saved when Meet stops;"
					+ " the next start is faster.");
		}
		try {
			Thread.currentThread().join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void stop(Path pidFile) {
		Optional<Long> running = runningLauncher(pidFile);
		if (running.isEmpty()) {
			System.out.println("Meet is not running.");
			return;
		}
		ProcessHandle launcher = ProcessHandle.of(running.get()).orElseThrow();
		launcher.destroy();
		System.out.println("Stopping Meet (pid " + running.get() + ")...");
		try {
			launcher.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
			System.out.println("Meet stopped.");
		}
		catch (TimeoutException ex) {
			// the first stop after a build saves every JVM's start-up cache, which can
			// take longer
			System.out.println("Meet is still stopping after " + STOP_WAIT.toMinutes()
					+ " minutes (saving start-up caches takes a while on a busy machine); run ./meet stop again"
					+ " to wait more, its log is in " + pidFile.getParent().resolve("logs") + "/");
		}
		catch (ExecutionException ex) {
			throw new DevStackException("Could not wait for Meet to stop: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Optional<Long> runningLauncher(Path pidFile) {
		try {
			if (!Files.exists(pidFile)) {
				return Optional.empty();
			}
			long pid = Long.parseLong(Files.readString(pidFile).strip());
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((handle) -> handle.info().command().map((command) -> command.endsWith("java")).orElse(false))
				.map(ProcessHandle::pid);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private static Optional<String> env(String name) {
		return Optional.ofNullable(System.getenv(name)).filter((value) -> !value.isBlank());
	}

	private static int intEnv(String name, int fallback) {
		String value = env(name).orElse(null);
		if (value == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new DevStackException(name + " must be a port number, not '" + value + "'");
		}
	}

}
