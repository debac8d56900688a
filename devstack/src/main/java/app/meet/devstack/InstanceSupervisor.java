package app.meet.devstack;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Watches the service instances once the stack is up and starts again one that exits by
 * itself, as after a crash: after a second, and twice as long (up to a minute) for each
 * exit within a minute of its last restart. The gateway is not restarted: its exit is
 * reported, and the stack goes on without it until restarted.
 */
final class InstanceSupervisor {

	/**
	 * An instance restarted longer ago than this that exits again is restarted after a
	 * second.
	 */
	private static final Duration STABLE_AFTER = Duration.ofMinutes(1);

	private static final Duration FIRST_RESTART = Duration.ofSeconds(1);

	private static final Duration LONGEST_RESTART = Duration.ofMinutes(1);

	private final Map<String, ManagedProcess> processes;

	private final BooleanSupplier closed;

	private final Restarter restarter;

	private final ExecutorService tasks;

	private final Consumer<String> report;

	private final Map<String, Instant> restartedAt = new ConcurrentHashMap<>();

	private final Map<String, Duration> backOff = new ConcurrentHashMap<>();

	/**
	 * @param processes the running instances by name; an instance that exits is taken out
	 * until it is started again
	 * @param closed whether the stack is stopping, when nothing is restarted
	 * @param report told of each exit and restart
	 */
	InstanceSupervisor(Map<String, ManagedProcess> processes, BooleanSupplier closed, Restarter restarter,
			ExecutorService tasks, Consumer<String> report) {
		this.processes = processes;
		this.closed = closed;
		this.restarter = restarter;
		this.tasks = tasks;
		this.report = report;
	}

	void start() {
		Thread.ofPlatform().daemon().name("meet-supervisor").start(() -> {
			while (!this.closed.getAsBoolean()) {
				List.copyOf(this.processes.entrySet()).forEach((entry) -> check(entry.getKey(), entry.getValue()));
				sleep(Duration.ofSeconds(1));
			}
		});
	}

	private void check(String name, ManagedProcess process) {
		if (process.isAlive() || this.closed.getAsBoolean() || !this.processes.remove(name, process)) {
			return;
		}
		Instant last = this.restartedAt.get(name);
		Duration wait = (last != null && last.isAfter(Instant.now().minus(STABLE_AFTER)))
				? min(this.backOff.getOrDefault(name, FIRST_RESTART).multipliedBy(2), LONGEST_RESTART) : FIRST_RESTART;
		this.backOff.put(name, wait);
		if (name.equals("gateway")) {
			this.report.accept("gateway exited (code " + process.exitCode() + "); restart Meet to bring it back");
			return;
		}
		this.report
			.accept(name + " exited (code " + process.exitCode() + "); restarting in " + wait.toSeconds() + " s");
		this.tasks.execute(() -> restartLater(name, wait));
	}

	private void restartLater(String name, Duration wait) {
		sleep(wait);
		if (this.closed.getAsBoolean()) {
			return;
		}
		try {
			this.restartedAt.put(name, Instant.now());
			this.restarter.restart(name);
			this.report.accept(name + " restarted");
		}
		catch (IOException | DevStackException ex) {
			// it is watched again, so its exit leads to another, later try
			this.report.accept(name + " did not start again: " + ex.getMessage());
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

	/** Starts an instance again and waits until it is ready. */
	@FunctionalInterface
	interface Restarter {

		void restart(String name) throws IOException;

	}

}
