package app.meet.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * PostgreSQL, Kafka, Redis and S3, started together under one directory and stopped in
 * reverse order. The environment it hands to a service uses the same variables as a
 * deployment against external servers.
 */
public final class Infrastructure implements AutoCloseable {

	private final PostgresServer postgres;

	private final RedisServer redis;

	private final KafkaServer kafka;

	private final S3Server s3;

	private final Credentials credentials;

	private final List<AutoCloseable> started = new java.util.concurrent.CopyOnWriteArrayList<>();

	public Infrastructure(Path directory, Ports ports, boolean durable) {
		this(directory, ports, durable, Credentials.DEVELOPMENT);
	}

	public Infrastructure(Path directory, Ports ports, boolean durable, Credentials credentials) {
		this.credentials = credentials;
		this.postgres = new PostgresServer(directory.resolve("postgres"), ports.postgres(), durable);
		this.redis = new RedisServer(directory.resolve("redis"), ports.redis(), durable, credentials.redisPassword());
		this.kafka = new KafkaServer(directory.resolve("kafka"), ports.kafka());
		this.s3 = new S3Server(directory.resolve("s3"), ports.s3(), credentials.s3AccessKey(),
				credentials.s3SecretKey());
	}

	/**
	 * Starts every server, reporting each one as it becomes ready.
	 * @param progress receives the name of each server once it accepts connections
	 */
	public Infrastructure start(Consumer<String> progress) throws IOException {
		// each server is registered before it starts, so that a stop during start-up
		// reaches it
		this.started.add(this.postgres);
		this.postgres.start();
		this.postgres.bootstrap(ServiceDefinition.SERVICES, this.credentials);
		progress.accept("postgres");
		this.started.add(this.redis);
		this.redis.start();
		progress.accept("redis");
		this.started.add(this.kafka);
		this.kafka.start();
		progress.accept("kafka");
		this.started.add(this.s3);
		this.s3.start();
		progress.accept("s3");
		return this;
	}

	public PostgresServer postgres() {
		return this.postgres;
	}

	public RedisServer redis() {
		return this.redis;
	}

	/** The broker, which failure tests stop and start again. */
	public KafkaServer kafka() {
		return this.kafka;
	}

	/**
	 * The variables that point a service at these servers, as documented in the README.
	 */
	public Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("DB_HOST", "127.0.0.1");
		environment.put("DB_PORT", Integer.toString(this.postgres.port()));
		environment.put("DB_NAME", PostgresServer.DATABASE);
		environment.put("REDIS_HOST", "127.0.0.1");
		environment.put("REDIS_PORT", Integer.toString(this.redis.port()));
		environment.put("REDIS_PASSWORD", this.credentials.redisPassword());
		environment.put("KAFKA_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers());
		environment.put("MINIO_ENDPOINT", this.s3.endpoint());
		environment.put("MINIO_ACCESS_KEY", this.credentials.s3AccessKey());
		environment.put("MINIO_SECRET_KEY", this.credentials.s3SecretKey());
		return Collections.unmodifiableMap(environment);
	}

	@Override
	public synchronized void close() {
		List<AutoCloseable> reversed = new ArrayList<>(this.started);
		Collections.reverse(reversed);
		for (AutoCloseable server : reversed) {
			try {
				server.close();
			}
			catch (Exception ex) {
				System.err.println("Stopping " + server + " failed: " + ex.getMessage());
			}
		}
		this.started.clear();
	}

	/**
	 * The loopback ports of the four servers; Kafka's controller uses the port after
	 * Kafka's.
	 */
	public record Ports(int postgres, int redis, int kafka, int s3) {

		/**
		 * Free ports, all different (nothing is bound to them until the servers start).
		 */
		public static Ports random() {
			int kafka = Waiter.freePort();
			while (!Waiter.isFree("127.0.0.1", kafka + 1)) {
				kafka = Waiter.freePort();
			}
			List<Integer> taken = new ArrayList<>(List.of(kafka, kafka + 1));
			return new Ports(freePortOtherThan(taken), freePortOtherThan(taken), kafka, freePortOtherThan(taken));
		}

		/** Every port the servers bind, Kafka's controller port included. */
		public List<Integer> all() {
			return List.of(this.postgres, this.redis, this.kafka, this.kafka + 1, this.s3);
		}

		private static int freePortOtherThan(List<Integer> taken) {
			int port = Waiter.freePort();
			while (taken.contains(port)) {
				port = Waiter.freePort();
			}
			taken.add(port);
			return port;
		}

	}

}
