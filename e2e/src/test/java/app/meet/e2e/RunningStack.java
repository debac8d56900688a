package app.meet.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import app.meet.devstack.ServiceDefinition;
import app.meet.devstack.Stack;
import app.meet.devstack.StackPorts;

/**
 * The stack every end-to-end test talks to: started once per test JVM from the built
 * jars, on free ports and real servers, chat-service and signaling-service twice; stopped
 * when the JVM exits, or by a test that takes it down on purpose ({@link #close}), after
 * which the next test gets a new one.
 */
final class RunningStack {

	/** Low enough for a test to reach, high enough for every other test's traffic. */
	static final int PER_USER_LIMIT = 150;

	/**
	 * Short, so that a test can wait it out; long enough for parallel refreshes on a busy
	 * machine.
	 */
	static final Duration REFRESH_REUSE_GRACE = Duration.ofSeconds(3);

	/**
	 * The key auth-service seals its signing keys with, this run's own, so that a test
	 * can open them to forge tokens.
	 */
	static final byte[] KEY_ENCRYPTION_KEY = randomKey();

	/** Sockets one user may hold on one signaling instance. */
	static final int MAX_SOCKETS_PER_USER = 8;

	/** Short, so that a test can wait it out; long enough for every test to join. */
	static final Duration SIGNALING_JOIN_TIMEOUT = Duration.ofSeconds(6);

	/** The gateway's default origins (the web frontend's), which the tests also use. */
	private static final String FRONTEND_ORIGINS = "http://localhost:3000,http://localhost:5173,http://127.0.0.1:3000,http://127.0.0.1:5173";

	/** Two, unless a benchmark asks for one ({@code -De2e.signaling-instances=1}). */
	private static final int SIGNALING_INSTANCES = Integer.getInteger("e2e.signaling-instances", 2);

	/**
	 * Extra JVM options for the stack's processes ({@code -De2e.jvm-options=...},
	 * space-separated), for benchmarks that want them tuned for speed rather than
	 * start-up; {@code -De2e.jvm-options.chat-service=...} adds options for one service.
	 */
	private static final List<String> JVM_OPTIONS = jvmOptions("e2e.jvm-options");

	/**
	 * Extra environment for the stack's processes ({@code -De2e.settings=KEY=value ...},
	 * space-separated), for benchmarks whose load is not a meeting's usual one.
	 */
	private static final Map<String, String> SETTINGS = Stream
		.of(System.getProperty("e2e.settings", "").trim().split("\\s+"))
		.filter((setting) -> !setting.isEmpty())
		.map((setting) -> setting.split("=", 2))
		.collect(Collectors.toMap((setting) -> setting[0], (setting) -> (setting.length > 1) ? setting[1] : ""));

	/**
	 * What the stack's supervisor reported: instances that exited, and their restarts.
	 */
	static final List<String> SUPERVISOR_EVENTS = new CopyOnWriteArrayList<>();

	private static Stack stack;

	private static OtlpReceiver traces;

	private static RuntimeException failure;

	private RunningStack() {
	}

	static synchronized Stack get() {
		if (failure != null) {
			throw failure;
		}
		if (stack == null) {
			try {
				if (traces == null) {
					traces = OtlpReceiver.start();
				}
				Path directory = Files.createTempDirectory("meet-e2e-",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
				Stack started = new Stack(Path.of("..").toAbsolutePath().normalize(), directory, StackPorts.random(),
						Map.of("chat-service", 2, "signaling-service", SIGNALING_INSTANCES), false)
					.withSettings(
							Map.of("RATE_LIMIT_PER_USER", Integer.toString(PER_USER_LIMIT), "RATE_LIMIT_PER_ADDRESS",
									"100000", "CORS_ALLOWED_ORIGINS", FRONTEND_ORIGINS + "," + TestPages.origin(),
									"AUTH_REFRESH_REUSE_GRACE", REFRESH_REUSE_GRACE.toSeconds() + "s",
									"MEET_SIGNALING_JOIN_TIMEOUT", SIGNALING_JOIN_TIMEOUT.toSeconds() + "s",
									"MEET_SIGNALING_MAX_SOCKETS_PER_USER", Integer.toString(MAX_SOCKETS_PER_USER),
									"AUTH_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(KEY_ENCRYPTION_KEY),
									"MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", traces.endpoint(),
									"MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "1s"))
					.withSettings(SETTINGS)
					.withJvmOptions(JVM_OPTIONS);
				Stream.concat(Stream.of(ServiceDefinition.GATEWAY), ServiceDefinition.SERVICES.stream())
					.map(ServiceDefinition::name)
					.forEach((service) -> started.withJvmOptions(service, jvmOptions("e2e.jvm-options." + service)));
				Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-stack-shutdown"));
				stack = started.start((component) -> System.out.println("ready: " + component));
				stack.superviseInstances((event) -> {
					System.out.println("supervisor: " + event);
					SUPERVISOR_EVENTS.add(event);
				});
			}
			catch (IOException ex) {
				failure = new UncheckedIOException(ex);
				throw failure;
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
		}
		return stack;
	}

	/**
	 * Stops the stack; the next {@link #get} starts another, so that the classes after a
	 * test that takes the stack down find one running, whatever their order.
	 */
	static synchronized void close() {
		if (stack != null) {
			stack.close();
			stack = null;
		}
	}

	/** The receiver the stack's services export their spans to. */
	static synchronized OtlpReceiver traces() {
		get();
		return traces;
	}

	private static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	/** Space-separated options from a system property. */
	private static List<String> jvmOptions(String property) {
		return Stream.of(System.getProperty(property, "").trim().split("\\s+"))
			.filter((option) -> !option.isEmpty())
			.toList();
	}

}
