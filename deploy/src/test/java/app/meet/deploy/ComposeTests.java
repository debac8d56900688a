package app.meet.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.meet.devstack.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root {@code docker-compose.yml}, checked without a container engine: Compose itself
 * reads it with the committed {@code .env.example}, refuses it without a secret, and the
 * resolved file keeps the rules a scaled production stack needs. The PostgreSQL init
 * script runs for real against an embedded server.
 */
class ComposeTests {

	static final List<String> APPLICATIONS = List.of("gateway", "auth-service", "meeting-service", "chat-service",
			"signaling-service", "recording-service");

	@Test
	void composeReadsTheFileWithTheExampleSettings() {
		Map<String, Object> services = ComposeFile.resolved().services();

		assertThat(services).containsKeys("postgres", "kafka", "redis", "minio", "minio-buckets")
			.containsKeys(APPLICATIONS.toArray(String[]::new));
	}

	@Test
	void composeRefusesToStartWithoutASecret(@TempDir Path directory) throws IOException {
		Path withoutSecret = Files.writeString(directory.resolve(".env"),
				Files.readString(ComposeFile.ENV_EXAMPLE).replaceAll("(?m)^GATEWAY_SECRET=.*\\n", ""));

		Commands.Result config = ComposeFile.config(withoutSecret);

		assertThat(config.exitCode()).isNotZero();
		assertThat(config.output()).contains("set GATEWAY_SECRET in .env");
	}

	@Test
	void onlyTheGatewayIsReachableFromOutsideAndEveryServiceCanBeScaled() {
		ComposeFile compose = ComposeFile.resolved();

		compose.services().forEach((name, service) -> {
			assertThat(Yamls.map(service)).as(name + " has no fixed container name")
				.doesNotContainKey("container_name");
			if (!name.equals("gateway")) {
				assertThat(Yamls.map(service)).as(name + " publishes no port").doesNotContainKey("ports");
			}
		});
		assertThat(Yamls.list(compose.service("gateway").get("ports"))).hasSize(1);
	}

	@Test
	void theApplicationsAreBuiltFromTheDockerfileAndStartOnlyOnHealthyInfrastructure() {
		ComposeFile compose = ComposeFile.resolved();

		for (String application : APPLICATIONS) {
			Map<String, Object> service = compose.service(application);
			Map<String, Object> build = Yamls.map(service.get("build"));
			assertThat(Yamls.map(build.get("args"))).containsEntry("SERVICE", application);
			assertThat(service).containsEntry("read_only", true);
			assertThat(Yamls.list(service.get("cap_drop"))).containsExactly("ALL");
			Map<String, Object> dependencies = Yamls.map(service.get("depends_on"));
			assertThat(dependencies).as(application + " waits for what it needs").isNotEmpty();
			dependencies.forEach((dependency, condition) -> assertThat(Yamls.map(condition).get("condition"))
				.as(application + " waits for " + dependency)
				.isIn("service_healthy", "service_completed_successfully"));
		}
		for (String infrastructure : List.of("postgres", "kafka", "redis", "minio")) {
			assertThat(compose.service(infrastructure)).as(infrastructure + " says when it is healthy")
				.containsKey("healthcheck");
			assertThat(Yamls.list(compose.service(infrastructure).get("volumes")).getFirst().toString())
				.as(infrastructure + " keeps its data in a named volume")
				.startsWith(infrastructure + "-data:");
		}
	}

	@Test
	void everySecretComesFromTheEnvFile() throws IOException {
		String compose = Files.readString(ComposeFile.COMPOSE_FILE);
		List<String> secrets = Files.readAllLines(ComposeFile.ENV_EXAMPLE)
			.stream()
			.filter((line) -> line.matches("^[A-Z_]*(PASSWORD|SECRET|SECRET_KEY|ACCESS_KEY|ENCRYPTION_KEY)=.*"))
			.map((line) -> line.substring(0, line.indexOf('=')))
			.toList();

		assertThat(secrets).contains("POSTGRES_PASSWORD", "REDIS_PASSWORD", "GATEWAY_SECRET",
				"AUTH_KEY_ENCRYPTION_KEY");
		for (String secret : secrets) {
			assertThat(compose).as(secret + " is only ever taken from .env")
				.doesNotContainPattern("\\$\\{" + secret + ":-[^}]")
				.doesNotContainPattern("(?m)^\\s+" + secret + ": [^$]");
		}
		assertThat(Files.readAllLines(ComposeFile.PROJECT_ROOT.resolve(".gitignore"))).contains(".env");
	}

	@Test
	void postgresInitCreatesEachServicesRoleAndSchemaWithTheEmbeddedStacksSql(@TempDir Path directory)
			throws IOException, SQLException {
		Path sql = directory.resolve("init.sql");
		Path bin = Files.createDirectories(directory.resolve("bin"));
		// psql as the container has it, standing in by writing what it is given
		Files.writeString(bin.resolve("psql"), "#!/usr/bin/env bash\ncat >> '" + sql + "'\n");
		Files.setPosixFilePermissions(bin.resolve("psql"), PosixFilePermissions.fromString("rwxr-xr-x"));
		Map<String, String> environment = Map.of("PATH", bin + ":" + System.getenv("PATH"), "POSTGRES_USER", "postgres",
				"POSTGRES_DB", PostgresServer.DATABASE, "BOOTSTRAP_SQL", ComposeFile.bootstrapSql().toString(),
				"AUTH_DB_PASSWORD", "auth-password-0123456789", "MEETING_DB_PASSWORD", "meeting-password-0123456789",
				"CHAT_DB_PASSWORD", "chat-password-0123456789", "RECORDING_DB_PASSWORD",
				"recording-password-0123456789");

		Commands.Result init = Commands.run(directory, Duration.ofSeconds(30), environment, "bash",
				ComposeFile.POSTGRES_INIT.toString());
		assertThat(init.exitCode()).as(init.output()).isZero();

		// as root, PostgreSQL runs as an unprivileged user, who must reach its data
		// directory
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		try (PostgresServer postgres = new PostgresServer(directory.resolve("postgres"), freePort(), false).start()) {
			// the image creates POSTGRES_DB before it runs the init scripts
			try (Connection admin = postgres.superuserConnection("postgres");
					Statement statement = admin.createStatement()) {
				statement.execute("CREATE DATABASE " + PostgresServer.DATABASE);
			}
			try (Connection admin = postgres.superuserConnection(PostgresServer.DATABASE);
					Statement statement = admin.createStatement()) {
				statement.execute(Files.readString(sql));
			}
			try (Connection chat = DriverManager.getConnection(postgres.jdbcUrl(PostgresServer.DATABASE),
					"chat_service", "chat-password-0123456789"); Statement statement = chat.createStatement()) {
				statement.execute("CREATE TABLE messages (id bigint)");
				try (ResultSet schema = statement
					.executeQuery("SELECT table_schema FROM information_schema.tables WHERE table_name = 'messages'")) {
					assertThat(schema.next()).isTrue();
					assertThat(schema.getString(1)).isEqualTo("chat");
				}
				assertThat(canCreateTableIn(statement, "auth")).as("chat_service cannot reach auth's schema").isFalse();
			}
		}
	}

	@Test
	void postgresInitRefusesAPasswordItCannotQuote(@TempDir Path directory) {
		Map<String, String> environment = Map.of("POSTGRES_USER", "postgres", "POSTGRES_DB", "meet", "BOOTSTRAP_SQL",
				ComposeFile.bootstrapSql().toString(), "AUTH_DB_PASSWORD", "it's-a-password-0123456789",
				"MEETING_DB_PASSWORD", "x", "CHAT_DB_PASSWORD", "x", "RECORDING_DB_PASSWORD", "x");

		Commands.Result init = Commands.run(directory, Duration.ofSeconds(30), environment, "bash",
				ComposeFile.POSTGRES_INIT.toString());

		assertThat(init.exitCode()).isNotZero();
		assertThat(init.output()).contains("the password for auth_service must be");
	}

	private static boolean canCreateTableIn(Statement statement, String schema) {
		try {
			statement.execute("CREATE TABLE " + schema + ".intruder (id bigint)");
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
