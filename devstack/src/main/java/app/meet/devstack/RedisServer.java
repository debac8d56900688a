package app.meet.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real redis-server (the binary shipped in the embedded-redis jar), on loopback only,
 * answering only clients that authenticate.
 */
public final class RedisServer implements AutoCloseable {

	/** The development profile's password (platform's {@code meet-platform-dev.yml}). */
	public static final String PASSWORD = "meet-dev-redis";

	private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

	private final Path directory;

	private final int port;

	private final boolean durable;

	private final String password;

	private ManagedProcess process;

	/**
	 * @param directory the working directory: the append-only file and the log
	 * @param port the loopback port to listen on
	 * @param durable whether writes are flushed to disk every second (off for throwaway
	 * test servers)
	 */
	public RedisServer(Path directory, int port, boolean durable) {
		this(directory, port, durable, PASSWORD);
	}

	/**
	 * @param directory the working directory: the append-only file and the log
	 * @param port the loopback port to listen on
	 * @param durable whether writes are flushed to disk every second
	 * @param password the password every client must give
	 */
	public RedisServer(Path directory, int port, boolean durable, String password) {
		this.directory = directory;
		this.port = port;
		this.durable = durable;
		this.password = password;
	}

	public int port() {
		return this.port;
	}

	public RedisServer start() throws IOException {
		Files.createDirectories(this.directory);
		List<String> command = new ArrayList<>(List.of(binary().toString(), "--port", Integer.toString(this.port),
				"--bind", "127.0.0.1", "--requirepass", this.password, "--dir", this.directory.toString(),
				"--daemonize", "no", "--save", ""));
		// a throwaway server still keeps its data over a restart (tests restart it), only
		// without asking the disk to flush
		command.addAll(List.of("--appendonly", "yes", "--appendfsync", this.durable ? "everysec" : "no"));
		this.process = ManagedProcess.start("redis", command, Map.of(), this.directory.resolve("redis.log"));
		Waiter.await("Redis on port " + this.port, Duration.ofSeconds(30), this.process, this::answersPing);
		return this;
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			socket.setSoTimeout(500);
			socket.getOutputStream().write(command("PING").getBytes(StandardCharsets.UTF_8));
			byte[] reply = socket.getInputStream().readNBytes(7);
			// refused without a password: the server is up
			return new String(reply, StandardCharsets.US_ASCII).startsWith("-NOAUTH");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Runs one command, authenticated, and returns its reply as RESP text, for tests that
	 * need to look at or reset what the services keep in Redis.
	 */
	public String execute(String... arguments) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(2000);
			socket.getOutputStream()
				.write((command("AUTH", this.password) + command(arguments)).getBytes(StandardCharsets.UTF_8));
			socket.shutdownOutput();
			String replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!replies.startsWith("+OK\r\n")) {
				throw new IOException("Redis refused the password: " + replies.lines().findFirst().orElse(""));
			}
			return replies.substring("+OK\r\n".length());
		}
	}

	/**
	 * Answers {@code true} if the server takes connections without a password, as no
	 * configuration of the stack must.
	 */
	public boolean answersWithoutPassword() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(2000);
			socket.getOutputStream().write(command("PING").getBytes(StandardCharsets.UTF_8));
			socket.shutdownOutput();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("+PONG");
		}
	}

	private static String command(String... arguments) {
		StringBuilder command = new StringBuilder("*").append(arguments.length).append("\r\n");
		for (String argument : arguments) {
			byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
			command.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
		}
		return command.toString();
	}

	private static synchronized Path binary() throws IOException {
		Path target = Path.of(System.getProperty("java.io.tmpdir"), "meet-" + BINARY);
		if (Files.isExecutable(target)) {
			return target;
		}
		try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(BINARY)) {
			if (in == null) {
				throw new DevStackException("The redis-server binary (" + BINARY + ") is not on the classpath");
			}
			Path staging = Files.createTempFile(target.getParent(), "meet-redis", ".tmp");
			Files.copy(in, staging, StandardCopyOption.REPLACE_EXISTING);
			Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		return target;
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.stop("TERM", Duration.ofSeconds(15));
		}
	}

}
