package app.meet.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The whole product on one machine: the infrastructure, every service (each instance its
 * own JVM) and the gateway in front of them. Used by the launcher and by the end-to-end
 * tests.
 */
public final class Stack implements AutoCloseable {

	/**
	 * The services' development profile: the credentials of these embedded servers, and
	 * of the services among themselves, are its defaults.
	 */
	public static final String DEVELOPMENT_PROFILE = "dev";

	private final Path projectRoot;

	private final Path directory;

	private final StackPorts ports;

	private final StackTopology topology;

	private final boolean durable;

	private final Map<String, ManagedProcess> processes = new ConcurrentHashMap<>();

	private final Map<String, String> settings = new LinkedHashMap<>();

	private final JvmOptions jvmOptions = new JvmOptions();

	private final StartupCaches startupCaches;

	private volatile Infrastructure infrastructure;

	private volatile ServiceEnvironments environments;

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

	private final Readiness readiness = new Readiness();

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
		this.topology = new StackTopology(ports, instances);
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
		this.jvmOptions.add(options);
		return this;
	}

	/**
	 * JVM options for every instance of one service ({@code gateway},
	 * {@code chat-service}, ...), after those for all of them.
	 */
	public Stack withJvmOptions(String service, List<String> options) {
		this.jvmOptions.add(service, options);
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
		return this.topology.instanceUrl(ServiceDefinition.named(service), instance);
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
		return this.topology.requiredPorts();
	}

	/** Whether this run records the JDK AOT caches that later starts load. */
	public boolean recordingStartupCaches() {
		return this.startupCaches.recording();
	}

	/** How many servers and processes {@link #start} reports as they become ready. */
	public int componentCount() {
		return this.topology.componentCount();
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
		this.environments = new ServiceEnvironments(this.topology, this.infrastructure, this.settings,
				this.deploymentEnvironment);
		List<CompletableFuture<Void>> starting = new ArrayList<>();
		for (ServiceDefinition service : ServiceDefinition.SERVICES) {
			for (int instance = 0; instance < this.topology.instancesOf(service); instance++) {
				String name = StackTopology.instanceName(service, instance);
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
		Map<String, String> environment = this.environments.of(service, name);
		environment.put("SERVER_PORT", Integer.toString(service.port(this.ports.gateway(), instance)));
		if (service == ServiceDefinition.GATEWAY) {
			environment.put("MANAGEMENT_PORT", Integer.toString(this.ports.gatewayManagement()));
		}
		else {
			environment.put("SERVER_ADDRESS", "127.0.0.1");
		}
		List<String> command = new ArrayList<>(List.of(Locations.javaCommand()));
		command.addAll(this.jvmOptions.of(service));
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
		this.readiness.await(name, process, port, path);
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
	 * Starts again, once the stack is up, an instance that exits by itself, as after a
	 * crash ({@link InstanceSupervisor}).
	 * @param report told of each exit and restart
	 */
	public void superviseInstances(Consumer<String> report) {
		new InstanceSupervisor(this.processes, () -> this.closed, this::restartInstance, this.tasks, report).start();
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

}
