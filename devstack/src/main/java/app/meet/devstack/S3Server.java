package app.meet.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server (S3Proxy over the local file system) in a JVM of its own.
 * In production this is MinIO; the services speak plain S3 to either.
 */
public final class S3Server implements AutoCloseable {

	public static final String ACCESS_KEY = "meet-dev";

	public static final String SECRET_KEY = "meet-dev-secret";

	private final Path directory;

	private final int port;

	private final String accessKey;

	private final String secretKey;

	private ManagedProcess process;

	/**
	 * @param directory holds the buckets under {@code data/}, the configuration and the
	 * log
	 * @param port the loopback port to listen on
	 */
	public S3Server(Path directory, int port) {
		this(directory, port, ACCESS_KEY, SECRET_KEY);
	}

	/**
	 * @param directory holds the buckets under {@code data/}, the configuration and the
	 * log
	 * @param port the loopback port to listen on
	 * @param accessKey the one identity the server knows
	 * @param secretKey its secret
	 */
	public S3Server(Path directory, int port, String accessKey, String secretKey) {
		this.directory = directory;
		this.port = port;
		this.accessKey = accessKey;
		this.secretKey = secretKey;
	}

	public String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	public S3Server start() throws IOException {
		Path data = Files.createDirectories(this.directory.resolve("data"));
		Path config = this.directory.resolve("s3proxy.properties");
		Files.writeString(config, """
				s3proxy.endpoint=http://127.0.0.1:%d
				s3proxy.authorization=aws-v2-or-v4
				s3proxy.identity=%s
				s3proxy.credential=%s
				s3proxy.ignore-unknown-headers=true
				jclouds.provider=filesystem-nio2
				jclouds.filesystem.basedir=%s
				""".formatted(this.port, this.accessKey, this.secretKey, data.toAbsolutePath()));
		this.process = ManagedProcess.start("s3",
				List.of(Locations.javaCommand(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
						"-jar", Locations.s3ServerJar().toString(), "--properties", config.toString()),
				Map.of(), this.directory.resolve("s3.log"));
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
		Waiter.await("S3 on port " + this.port, Duration.ofSeconds(60), this.process, () -> answers(client));
		return this;
	}

	private boolean answers(HttpClient client) {
		try {
			HttpResponse<Void> response = client.send(
					HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(1)).build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() > 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.stop("TERM", Duration.ofSeconds(15));
		}
	}

}
