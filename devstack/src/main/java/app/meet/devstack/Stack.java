package app.meet.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The whole product on one machine: the infrastructure, every service (each instance its
 * own JVM) and the gateway in front of them. Used by the launcher and by the end-to-end
 * tests.
 */
public final class Stack implements AutoCloseable {

	/**
	 * An instance restarted longer ago than this that exits again is restarted after a
	 * second.
	 */
	private static final Duration STABLE_AFTER = Duration.ofMinutes(1);

	private static final Duration FIRST_RESTART = Duration.ofSeconds(1);

	private static final Duration LONGEST_RESTART = Duration.ofMinutes(1);

	/**
	 * The services' development profile: the credentials of these embedded servers, and
	 * of the services among themselves, are its defaults.
	 */
	public static final String DEVELOPMENT_PROFILE = "dev";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	/** A JVM option choosing the garbage collector, such as {@code -XX:+UseZGC}. */
	private static final Predicate<String> COLLECTOR = Pattern.compile("-XX:\\+Use\\w+GC").asMatchPredicate();

	private final Path projectRoot;

	private final Path directory;

	private final StackPorts ports;

	private final Map<String, Integer> instances;

	private final boolean durable;

	private final Map<String, ManagedProcess> processes = new ConcurrentHashMap<>();

	private final Map<String, String> settings = new LinkedHashMap<>();

	private final List<String> jvmOptions = new ArrayList<>();

	private final Map<String, List<String>> serviceJvmOptions = new LinkedHashMap<>();

	private final StartupCaches startupCaches;

	private volatile Infrastructure infrastructure;

	private Credentials credentials = Credentials.DEVELOPMENT;

	/**
	 * Each process's environment as a deployment gives it; empty: the development one.
	 */
	private Map<String, Map<String, String>> deploymentEnvironment = Map.of();

	private volatile boolean closed;

	/**
	 * Waits and stops block; they must not queue behind each other in the small common
	 * pool.
	 */
	private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

	/**
	 * @param projectRoot the repository root, where each module's jar is built
	 * @param directory where data and logs live
	 * @param ports the gateway's and the infrastructure's ports
	 * @param instances how many instances of each service (one when absent)
	 * @param durable whether the data must survive a restart
	 */
	public Stack(Path projectRoot, Path directory, StackPorts ports, Map<String, Integer> instances, boolean durable) {
		this.projectRoot = projectRoot;
		this.directory = directory;
		this.ports = ports;
		this.instances = Map.copyOf(instances);
		this.durable = durable;
		this.startupCaches = new StartupCaches(projectRoot, directory.resolve("app"));
	}

	public Path logs() {
		return this.directory.resolve("logs");
	}

	/**
	 * JVM options for every service and the gateway, after the defaults (which favour a
	 * quick start and a small footprint over peak speed), so they can override them; a
	 * garbage collector chosen here ({@code -XX:+UseZGC}) replaces the default one.
	 */
	public Stack withJvmOptions(List<String> options) {
		this.jvmOptions.addAll(options);
		return this;
	}

	/**
	 * JVM options for every instance of one service ({@code gateway},
	 * {@code chat-service}, ...), after those for all of them.
	 */
	public Stack withJvmOptions(String service, List<String> options) {
		this.serviceJvmOptions.computeIfAbsent(service, (name) -> new ArrayList<>()).addAll(options);
		return this;
	}

	/**
	 * Adds settings (environment variables, as in the README) every process gets, for
	 * example lower rate limits for a test.
	 */
	public Stack withSettings(Map<String, String> settings) {
		this.settings.putAll(settings);
		return this;
	}

	/**
	 * Runs every process in its production configuration, without the development
	 * profile, with exactly the environment a deployment file gives its service (for
	 * example {@code docker-compose.yml}), except that the host names and ports of the
	 * servers and services in it ({@code postgres:5432},
	 * {@code http://chat-service:8080}) name this stack's loopback ports instead, and
	 * that every instance has its actuator on its own port (so a separate management port
	 * setting is dropped).
	 * @param environmentByService each service's and the gateway's environment
	 * @param credentials the credentials that environment gives, which the servers are
	 * started with
	 */
	public Stack withDeploymentEnvironment(Map<String, Map<String, String>> environmentByService,
			Credentials credentials) {
		this.deploymentEnvironment = Map.copyOf(environmentByService);
		this.credentials = credentials;
		return this;
	}

	/** The servers under the stack, for tests that inspect what the services stored. */
	public Infrastructure infrastructure() {
		return this.infrastructure;
	}

	/** Where an instance listens, for tests that bypass the gateway on purpose. */
	public String instanceUrl(String service, int instance) {
		return "http://127.0.0.1:" + ServiceDefinition.named(service).port(this.ports.gateway(), instance);
	}

	public String kafkaBootstrapServers() {
		return this.infrastructure.environment().get("KAFKA_BOOTSTRAP_SERVERS");
	}

	public String gatewayUrl() {
		return "http://localhost:" + this.ports.gateway();
	}

	/** Where the gateway's actuator endpoints (health details, metrics) answer. */
	public String gatewayManagementUrl() {
		return "http://127.0.0.1:" + this.ports.gatewayManagement();
	}

	/**
	 * Every port the stack will bind, named, so that a taken one can be reported up
	 * front.
	 */
	public Map<String, Integer> requiredPorts() {
		Map<String, Integer> required = new LinkedHashMap<>();
		required.put("gateway", this.ports.gateway());
		required.put("gateway management", this.ports.gatewayManagement());
		for (ServiceDefinition service : ServiceDefinition.SERVICES) {
			for (int instance = 0; instance < instancesOf(service); instance++) {
				required.put(instanceName(service, instance), service.port(this.ports.gateway(), instance));
			}
		}
		Infrastructure.Ports infra = this.ports.infrastructure();
		required.put("postgres", infra.postgres());
		required.put("redis", infra.redis());
		required.put("kafka", infra.kafka());
		required.put("kafka controller", infra.kafka() + 1);
		required.put("s3", infra.s3());
		return required;
	}

	/** Whether this run records the JDK AOT caches that later starts load. */
	public boolean recordingStartupCaches() {
		return this.startupCaches.recording();
	}

	/** How many servers and processes {@link #start} reports as they become ready. */
	public int componentCount() {
		int services = ServiceDefinition.SERVICES.stream().mapToInt(this::instancesOf).sum();
		return 4 + services + 1;
	}

	/** Names each port that is already in use; empty when all are free. */
	public List<String> takenPorts() {
		List<String> taken = new ArrayList<>();
		requiredPorts().forEach((name, port) -> {
			if (!Waiter.isFree("0.0.0.0", port)) {
				taken.add("port " + port + " (" + name + ") is already in use");
			}
		});
		return taken;
	}

	public Stack start(Consumer<String> progress) throws IOException {
		for (ServiceDefinition service : allProcesses()) {
			if (!Files.isRegularFile(service.jar(this.projectRoot))) {
				throw new DevStackException(
						service.jar(this.projectRoot) + " is missing: build first (./mvnw -DskipTests package)");
			}
		}
		Files.createDirectories(logs());
		this.infrastructure = new Infrastructure(this.directory, this.ports.infrastructure(), this.durable,
				this.credentials);
		this.infrastructure.start(progress);
		List<CompletableFuture<Void>> starting = new ArrayList<>();
		for (ServiceDefinition service : ServiceDefinition.SERVICES) {
			for (int instance = 0; instance < instancesOf(service); instance++) {
				String name = instanceName(service, instance);
				int port = service.port(this.ports.gateway(), instance);
				ManagedProcess process = startService(service, instance, name);
				int index = instance;
				starting.add(CompletableFuture.runAsync(() -> {
					awaitStarted(service, index, name, process, port);
					progress.accept(name);
				}, this.tasks));
			}
		}
		ManagedProcess gateway = startService(ServiceDefinition.GATEWAY, 0, "gateway");
		try {
			CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
		awaitReady("gateway", gateway, this.ports.gateway(), "/health/stack");
		progress.accept("gateway");
		return this;
	}

	private synchronized ManagedProcess startService(ServiceDefinition service, int instance, String name)
			throws IOException {
		if (this.closed) {
			throw new DevStackException("Stopped while starting");
		}
		Map<String, String> environment = this.deploymentEnvironment.isEmpty() ? developmentEnvironment(service, name)
				: deploymentEnvironment(service);
		environment.put("SERVER_PORT", Integer.toString(service.port(this.ports.gateway(), instance)));
		if (service == ServiceDefinition.GATEWAY) {
			environment.put("MANAGEMENT_PORT", Integer.toString(this.ports.gatewayManagement()));
		}
		else {
			environment.put("SERVER_ADDRESS", "127.0.0.1");
		}
		List<String> command = new ArrayList<>(List.of(Locations.javaCommand()));
		command.addAll(jvmOptions(service));
		if (this.durable) {
			command.addAll(this.startupCaches.jvmOptions(service, name));
		}
		else {
			command.addAll(List.of("-jar", service.jar(this.projectRoot).toString()));
		}
		ManagedProcess process = ManagedProcess.start(name, command, environment, logs().resolve(name + ".log"));
		this.processes.put(name, process);
		return process;
	}

	private Map<String, String> developmentEnvironment(ServiceDefinition service, String name) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_PROFILES_ACTIVE", DEVELOPMENT_PROFILE);
		environment.putAll(this.infrastructure.environment());
		environment.putAll(this.settings);
		environment.put("MEET_INSTANCE", name);
		environment.put("AUTH_JWKS_URI", "http://127.0.0.1:"
				+ ServiceDefinition.named("auth-service").port(this.ports.gateway(), 0) + "/.well-known/jwks.json");
		if (service == ServiceDefinition.GATEWAY) {
			environment.putAll(gatewayRoutes());
		}
		else {
			// the services one service calls directly (signaling-service calls
			// meeting-service's internal endpoints with service tokens from auth-service)
			environment.put("AUTH_SERVICE_URL", firstInstanceUrl("auth-service"));
			environment.put("MEETING_SERVICE_URL", firstInstanceUrl("meeting-service"));
		}
		return environment;
	}

	/**
	 * The deployment's environment for the service, its host names and ports mapped to
	 * this stack's.
	 */
	private Map<String, String> deploymentEnvironment(ServiceDefinition service) {
		Map<String, String> given = this.deploymentEnvironment.get(service.name());
		if (given == null) {
			throw new DevStackException("The deployment environment has nothing for " + service.name());
		}
		Infrastructure.Ports infrastructure = this.ports.infrastructure();
		Map<String, String> addresses = new LinkedHashMap<>();
		addresses.put("postgres:5432", "127.0.0.1:" + infrastructure.postgres());
		addresses.put("redis:6379", "127.0.0.1:" + infrastructure.redis());
		addresses.put("kafka:9092", this.infrastructure.environment().get("KAFKA_BOOTSTRAP_SERVERS"));
		addresses.put("minio:9000", "127.0.0.1:" + infrastructure.s3());
		Map<String, String> environment = new LinkedHashMap<>();
		given.forEach((variable, value) -> {
			if (variable.equals("MANAGEMENT_SERVER_PORT")
					|| variable.equals("SPRING_CLOUD_LOADBALANCER_HEALTH_CHECK_PORT")) {
				return;
			}
			String mapped = switch (variable) {
				case "DB_HOST", "REDIS_HOST" -> "127.0.0.1";
				case "DB_PORT" -> Integer.toString(infrastructure.postgres());
				case "REDIS_PORT" -> Integer.toString(infrastructure.redis());
				default -> value;
			};
			for (Map.Entry<String, String> address : addresses.entrySet()) {
				mapped = mapped.replace(address.getKey(), address.getValue());
			}
			for (ServiceDefinition other : ServiceDefinition.SERVICES) {
				String url = "http://" + other.name() + ":8080";
				if (mapped.startsWith(url) && variable.endsWith("_URLS")) {
					List<String> instances = new ArrayList<>();
					for (int instance = 0; instance < instancesOf(other); instance++) {
						instances.add("http://127.0.0.1:" + other.port(this.ports.gateway(), instance));
					}
					mapped = String.join(",", instances);
				}
				mapped = mapped.replace(url, firstInstanceUrl(other.name()));
			}
			environment.put(variable, mapped);
		});
		return environment;
	}

	/**
	 * The quick-start defaults, then the options for every service, then those for this
	 * one; the JVM takes the last of a repeated option, but refuses two collectors, so
	 * one chosen by the caller replaces the default.
	 */
	List<String> jvmOptions(ServiceDefinition service) {
		List<String> chosen = new ArrayList<>(this.jvmOptions);
		chosen.addAll(this.serviceJvmOptions.getOrDefault(service.name(), List.of()));
		List<String> options = new ArrayList<>(
				List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
		if (chosen.stream().noneMatch(COLLECTOR)) {
			options.add("-XX:+UseSerialGC");
		}
		options.addAll(chosen);
		return options;
	}

	private String firstInstanceUrl(String service) {
		return "http://127.0.0.1:" + ServiceDefinition.named(service).port(this.ports.gateway(), 0);
	}

	/**
	 * Tells the gateway where every instance of every service listens, for example
	 * {@code CHAT_SERVICE_URLS=http://127.0.0.1:8083,http://127.0.0.1:8183}.
	 */
	private Map<String, String> gatewayRoutes() {
		Map<String, String> environment = new LinkedHashMap<>();
		for (ServiceDefinition service : ServiceDefinition.SERVICES) {
			List<String> urls = new ArrayList<>();
			for (int instance = 0; instance < instancesOf(service); instance++) {
				urls.add("http://127.0.0.1:" + service.port(this.ports.gateway(), instance));
			}
			environment.put(service.name().replace('-', '_').toUpperCase() + "_URLS", String.join(",", urls));
		}
		return environment;
	}

	/**
	 * Awaits an instance's readiness; one that exits while starting is started once more,
	 * as a container's restart policy would: a service gives up when its servers answer
	 * slowly at first, which all instances starting at once on a small machine can cause.
	 * A second exit fails the start.
	 */
	private void awaitStarted(ServiceDefinition service, int instance, String name, ManagedProcess process, int port) {
		try {
			awaitReady(name, process, port, "/actuator/health/readiness");
		}
		catch (DevStackException ex) {
			if (process.isAlive()) {
				throw ex;
			}
			System.err.println(name + " exited while starting (code " + process.exitCode() + "); starting it again");
			try {
				awaitReady(name, startService(service, instance, name), port, "/actuator/health/readiness");
			}
			catch (IOException again) {
				throw new DevStackException(name + " could not be started again", again);
			}
		}
	}

	private void awaitReady(String name, ManagedProcess process, int port, String path) {
		URI uri = URI.create("http://127.0.0.1:" + port + path);
		Waiter.await(name, READY_TIMEOUT, process, () -> isReady(uri));
	}

	private boolean isReady(URI uri) {
		try {
			HttpResponse<Void> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Stops one instance, as a crash or a deployment would; the rest keeps running. */
	public void stopInstance(String name) {
		ManagedProcess process = this.processes.remove(name);
		if (process == null) {
			throw new DevStackException("No running instance named " + name);
		}
		process.stop("TERM", Duration.ofSeconds(20));
	}

	/**
	 * Whether the instance is part of the stack: not stopped by {@link #stopInstance}
	 * (one that crashed is started again by the supervisor).
	 */
	public boolean isRunning(String name) {
		return this.processes.containsKey(name);
	}

	/** Kills one instance outright, as a crash would: it gets no chance to clean up. */
	public void killInstance(String name) {
		ManagedProcess process = this.processes.remove(name);
		if (process == null) {
			throw new DevStackException("No running instance named " + name);
		}
		process.stop("KILL", Duration.ofSeconds(5));
	}

	/**
	 * Starts an instance stopped with {@link #stopInstance} again and waits until it is
	 * ready.
	 */
	public void restartInstance(String name) throws IOException {
		ServiceDefinition service = ServiceDefinition.named(name.replaceAll("-\\d+$", ""));
		int instance = name.matches(".*-\\d+$") ? Integer.parseInt(name.replaceAll(".*-", "")) - 1 : 0;
		ManagedProcess process = startService(service, instance, name);
		awaitReady(name, process, service.port(this.ports.gateway(), instance), "/actuator/health/readiness");
	}

	/**
	 * Watches the service instances once the stack is up and starts again one that exits
	 * by itself, as after a crash: after a second, and twice as long (up to a minute) for
	 * each exit within a minute of its last restart. The gateway is not restarted: its
	 * exit is reported, and the stack goes on without it until restarted.
	 * @param report told of each exit and restart
	 */
	public void superviseInstances(Consumer<String> report) {
		Thread.ofPlatform().daemon().name("meet-supervisor").start(() -> {
			Map<String, Instant> restartedAt = new ConcurrentHashMap<>();
			Map<String, Duration> backOff = new ConcurrentHashMap<>();
			while (!this.closed) {
				for (Map.Entry<String, ManagedProcess> entry : List.copyOf(this.processes.entrySet())) {
					ManagedProcess process = entry.getValue();
					if (!process.isAlive() && !this.closed && this.processes.remove(entry.getKey(), process)) {
						String name = entry.getKey();
						Instant last = restartedAt.get(name);
						Duration wait = (last != null && last.isAfter(Instant.now().minus(STABLE_AFTER)))
								? min(backOff.getOrDefault(name, FIRST_RESTART).multipliedBy(2), LONGEST_RESTART)
								: FIRST_RESTART;
						backOff.put(name, wait);
						if (name.equals("gateway")) {
							report.accept(
									"gateway exited (code " + process.exitCode() + "); restart Meet to bring it back");
							continue;
						}
						report.accept(name + " exited (code " + process.exitCode() + "); restarting in "
								+ wait.toSeconds() + " s");
						this.tasks.execute(() -> restartLater(name, wait, report, restartedAt));
					}
				}
				sleep(Duration.ofSeconds(1));
			}
		});
	}

	private void restartLater(String name, Duration wait, Consumer<String> report, Map<String, Instant> restartedAt) {
		sleep(wait);
		if (this.closed) {
			return;
		}
		try {
			restartedAt.put(name, Instant.now());
			restartInstance(name);
			report.accept(name + " restarted");
		}
		catch (IOException | DevStackException ex) {
			// it is watched again, so its exit leads to another, later try
			report.accept(name + " did not start again: " + ex.getMessage());
		}
	}

	private static Duration min(Duration one, Duration other) {
		return (one.compareTo(other) <= 0) ? one : other;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The process id of a running instance. */
	public long pid(String name) {
		ManagedProcess process = this.processes.get(name);
		if (process == null) {
			throw new DevStackException("No running instance named " + name);
		}
		return process.pid();
	}

	public List<Long> pids() {
		return this.processes.values().stream().map(ManagedProcess::pid).toList();
	}

	private int instancesOf(ServiceDefinition service) {
		return this.instances.getOrDefault(service.name(), 1);
	}

	/**
	 * {@code chat-service} for a single instance, {@code chat-service-2} for the second
	 * one.
	 */
	static String instanceName(ServiceDefinition service, int instance) {
		return (instance == 0) ? service.name() : service.name() + "-" + (instance + 1);
	}

	private static List<ServiceDefinition> allProcesses() {
		List<ServiceDefinition> all = new ArrayList<>(ServiceDefinition.SERVICES);
		all.add(ServiceDefinition.GATEWAY);
		return all;
	}

	/** Stops the gateway, then the services, then the infrastructure. */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.startupCaches.recording()) {
			System.out.println("Saving start-up caches for the next start...");
		}
		ManagedProcess gateway = this.processes.remove("gateway");
		if (gateway != null) {
			gateway.stop("TERM", this.startupCaches.recording() ? Duration.ofMinutes(2) : Duration.ofSeconds(20));
		}
		List<CompletableFuture<Void>> stopping = new ArrayList<>();
		// a JVM recording its start-up cache writes it on the way out, which takes a
		// while
		Duration grace = this.startupCaches.recording() ? Duration.ofMinutes(2) : Duration.ofSeconds(20);
		for (ManagedProcess process : new ArrayList<>(this.processes.values())) {
			stopping.add(CompletableFuture.runAsync(() -> process.stop("TERM", grace), this.tasks));
		}
		CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
		this.processes.clear();
		if (this.infrastructure != null) {
			this.infrastructure.close();
		}
	}

	/** The gateway's port (services follow it) and the infrastructure's ports. */
	public record StackPorts(int gateway, Infrastructure.Ports infrastructure) {

		public static StackPorts random() {
			Infrastructure.Ports infrastructure = Infrastructure.Ports.random();
			int gateway = Waiter.freePort();
			while (!rangeFree(gateway, infrastructure.all())) {
				gateway = Waiter.freePort();
			}
			return new StackPorts(gateway, infrastructure);
		}

		/** The gateway's port for actuator endpoints, off its public one. */
		public int gatewayManagement() {
			return this.gateway + ServiceDefinition.GATEWAY_MANAGEMENT_PORT_OFFSET;
		}

		private static boolean rangeFree(int gateway, List<Integer> infrastructure) {
			if (infrastructure.contains(gateway)) {
				return false;
			}
			List<Integer> ports = new ArrayList<>();
			ports.add(gateway + ServiceDefinition.GATEWAY_MANAGEMENT_PORT_OFFSET);
			for (ServiceDefinition service : ServiceDefinition.SERVICES) {
				for (int instance = 0; instance < 2; instance++) {
					ports.add(service.port(gateway, instance));
				}
			}
			return ports.stream()
				.allMatch((port) -> port <= 32767 && !infrastructure.contains(port) && Waiter.isFree("0.0.0.0", port));
		}

	}

	static Map<String, Integer> parseInstances(String spec) {
		Map<String, Integer> instances = new LinkedHashMap<>();
		if (spec == null || spec.isBlank()) {
			return Collections.unmodifiableMap(instances);
		}
		for (String entry : spec.split(",")) {
			String[] parts = entry.strip().split("=");
			if (parts.length != 2 || !parts[1].strip().matches("[1-9]")) {
				throw new DevStackException("MEET_INSTANCES entries look like chat-service=2, not '" + entry + "'");
			}
			instances.put(ServiceDefinition.named(parts[0].strip()).name(), Integer.parseInt(parts[1].strip()));
		}
		return Collections.unmodifiableMap(instances);
	}

}
