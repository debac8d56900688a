package app.meet.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import app.meet.devstack.Credentials;
import app.meet.devstack.Stack;
import app.meet.devstack.StackPorts;
import app.meet.e2e.Rooms.Room;
import app.meet.e2e.Rooms.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deployment files cannot drift from what the code reads: a stack of its own, on the
 * embedded servers, started with exactly the environment {@code docker-compose.yml} gives
 * each service (as {@code docker-compose config} resolves it, with secrets of this test's
 * own; host names mapped to the embedded servers), in the production configuration. A
 * short journey through its gateway: register, create, join, chat, signal.
 */
@Order(11)
class DeploymentConfigurationEndToEndTests {

	private static final Path PROJECT_ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static Stack stack;

	private static Map<String, Map<String, String>> environment;

	private static Gateway gateway;

	@BeforeAll
	static void startWithTheComposeEnvironment() throws Exception {
		Path directory = Files.createTempDirectory("meet-compose-env-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Map<String, String> secrets = secrets();
		environment = composeEnvironment(directory, secrets);
		Credentials credentials = new Credentials(secrets.get("REDIS_PASSWORD"), secrets.get("MINIO_ACCESS_KEY"),
				secrets.get("MINIO_SECRET_KEY"),
				Map.of("auth_service", secrets.get("AUTH_DB_PASSWORD"), "meeting_service",
						secrets.get("MEETING_DB_PASSWORD"), "chat_service", secrets.get("CHAT_DB_PASSWORD"),
						"recording_service", secrets.get("RECORDING_DB_PASSWORD")));
		stack = new Stack(PROJECT_ROOT, directory, StackPorts.random(), Map.of(), false)
			.withDeploymentEnvironment(environment, credentials);
		stack.start((component) -> System.out.println("compose environment, ready: " + component));
		gateway = new Gateway(stack.gatewayUrl());
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void everyServiceRunsInItsProductionConfiguration() throws IOException {
		for (String service : environment.keySet()) {
			assertThat(environment.get(service)).doesNotContainKey("SPRING_PROFILES_ACTIVE");
			assertThat(Files.readString(stack.logs().resolve(service + ".log"))).as(service)
				.contains("No active profile set");
		}
	}

	@Test
	void aShortJourneyThroughTheGatewayWorks() throws Exception {
		Rooms rooms = new Rooms(gateway);
		Room room = rooms.open(0, Map.of());
		User guest = rooms.newUser();
		try (EventStream events = EventStream.open(gateway.baseUrl(), room.id(), room.host().token());
				Call call = Call.open(rooms, room, guest, gateway.baseUrl())) {
			call.guest().send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "v=0")));
			assertThat(call.host().await("offer", WAIT).get("data").get("sdp").asString()).isEqualTo("v=0");

			assertThat(gateway
				.post("/api/meetings/" + room.id() + "/messages", guest.token(),
						Map.of("content", "deployed as composed"))
				.statusCode()).isEqualTo(201);
			assertThat(events.next("chat_message", WAIT).data().get("type").asString()).isEqualTo("system");
			assertThat(events.next("chat_message", WAIT).data().get("content").asString())
				.isEqualTo("deployed as composed");
		}
	}

	/** A secret of the right shape for every secret of {@code .env.example}. */
	private static Map<String, String> secrets() throws IOException {
		SecureRandom random = new SecureRandom();
		Map<String, String> secrets = new LinkedHashMap<>();
		for (String line : Files.readAllLines(PROJECT_ROOT.resolve(".env.example"))) {
			if (line.matches("^[A-Z_]+=change-me.*")) {
				String name = line.substring(0, line.indexOf('='));
				byte[] bytes = new byte[name.equals("AUTH_KEY_ENCRYPTION_KEY") ? 32 : 24];
				random.nextBytes(bytes);
				secrets.put(name, name.equals("AUTH_KEY_ENCRYPTION_KEY") ? Base64.getEncoder().encodeToString(bytes)
						: HexFormat.of().formatHex(bytes));
			}
		}
		return secrets;
	}

	/** Each application's environment as Compose resolves it with these secrets. */
	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, String>> composeEnvironment(Path directory, Map<String, String> secrets)
			throws Exception {
		assumeTrue(onPath("docker-compose"),
				"docker-compose is not installed (Debian: apt-get install docker-compose)");
		StringBuilder envFile = new StringBuilder();
		for (String line : Files.readAllLines(PROJECT_ROOT.resolve(".env.example"))) {
			String name = line.contains("=") ? line.substring(0, line.indexOf('=')) : "";
			envFile.append(secrets.containsKey(name) ? name + "=" + secrets.get(name) : line).append('\n');
		}
		Path env = Files.writeString(directory.resolve(".env"), envFile);
		Path resolved = directory.resolve("compose.yml");
		Process config = new ProcessBuilder("docker-compose", "--env-file", env.toString(), "--file",
				PROJECT_ROOT.resolve("docker-compose.yml").toString(), "config")
			.redirectOutput(resolved.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(config.exitValue()).isZero();
		Map<String, Object> services = (Map<String, Object>) new Yaml()
			.<Map<String, Object>>load(Files.readString(resolved))
			.get("services");
		Map<String, Map<String, String>> environments = new TreeMap<>();
		for (String application : List.of("gateway", "auth-service", "meeting-service", "chat-service",
				"signaling-service", "recording-service")) {
			Map<String, Object> given = (Map<String, Object>) ((Map<String, Object>) services.get(application))
				.get("environment");
			Map<String, String> variables = new TreeMap<>();
			given.forEach((name, value) -> variables.put(name, String.valueOf(value)));
			environments.put(application, variables);
		}
		return environments;
	}

	private static boolean onPath(String program) {
		return List.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.stream()
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, program)));
	}

}
