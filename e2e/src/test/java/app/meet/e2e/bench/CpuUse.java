package app.meet.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The CPU the machine's processes took over a measured window, in shares of one core:
 * what the measured path kept busy, and how much of the machine was left. Processes are
 * named by their jar (the stack's services, the S3 server), Kafka by its main class,
 * servers by their executable; this JVM is the load generator, and processes without a
 * command are the kernel's threads.
 */
final class CpuUse {

	/** Below this share a process is counted among the others. */
	private static final double SHOWN_SHARE = 0.01;

	/** {@code meet-redis-server-6.2.6-v5-linux-amd64} is Redis's server. */
	private static final Pattern VERSION_SUFFIX = Pattern.compile("^(?:meet-)?(.+?)(?:-\\d.*)?$");

	private static final Path MACHINE_TIMES = Path.of("/proc/stat");

	private final long startNanos = System.nanoTime();

	private final Map<Long, Duration> before = cpuByProcess();

	private final long[] machineBefore = machineTimes();

	private CpuUse() {
	}

	/** Starts the window now. */
	static CpuUse start() {
		return new CpuUse();
	}

	/**
	 * The window so far, for example
	 * {@code the machine 143% of 200%; signaling-service 57%,
	 * gateway 38%, load generator 20%, others 3%}.
	 */
	String summary() {
		double seconds = (System.nanoTime() - this.startNanos) / 1e9;
		Map<String, Double> shares = new HashMap<>();
		Map<String, Integer> processes = new HashMap<>();
		ProcessHandle.allProcesses().forEach((process) -> {
			Duration used = process.info().totalCpuDuration().orElse(null);
			if (used != null) {
				Duration taken = used.minus(this.before.getOrDefault(process.pid(), Duration.ZERO));
				String name = name(process);
				shares.merge(name, taken.toNanos() / 1e9 / seconds, Double::sum);
				processes.merge(name, 1, Integer::sum);
			}
		});
		double others = shares.values()
			.stream()
			.filter((share) -> share < SHOWN_SHARE)
			.mapToDouble(Double::doubleValue)
			.sum();
		String named = shares.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() >= SHOWN_SHARE)
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.map((entry) -> "%s%s %.0f%%".formatted(entry.getKey(),
					(processes.get(entry.getKey()) > 1) ? " (" + processes.get(entry.getKey()) + " processes)" : "",
					entry.getValue() * 100))
			.collect(Collectors.joining(", "));
		return machine() + named + ", others %.0f%%".formatted(others * 100);
	}

	private String machine() {
		long[] now = machineTimes();
		if (now.length == 0 || this.machineBefore.length == 0) {
			return "";
		}
		long total = Arrays.stream(now).sum() - Arrays.stream(this.machineBefore).sum();
		// idle and waiting for I/O are the fourth and fifth fields
		long idle = (now[3] + now[4]) - (this.machineBefore[3] + this.machineBefore[4]);
		int cores = Runtime.getRuntime().availableProcessors();
		return "the machine %.0f%% of %d%%; ".formatted(100.0 * cores * (total - idle) / Math.max(1, total),
				100 * cores);
	}

	private static Map<Long, Duration> cpuByProcess() {
		Map<Long, Duration> used = new HashMap<>();
		ProcessHandle.allProcesses()
			.forEach((process) -> process.info().totalCpuDuration().ifPresent((cpu) -> used.put(process.pid(), cpu)));
		return used;
	}

	private static String name(ProcessHandle process) {
		if (process.pid() == ProcessHandle.current().pid()) {
			return "load generator";
		}
		List<String> arguments = Arrays.asList(process.info().arguments().orElse(new String[0]));
		if (arguments.contains("kafka.Kafka")) {
			return "kafka";
		}
		int jar = arguments.indexOf("-jar");
		if (jar >= 0 && jar + 1 < arguments.size()) {
			return Path.of(arguments.get(jar + 1)).getFileName().toString().replaceFirst("\\.jar$", "");
		}
		return process.info()
			.command()
			.map((command) -> VERSION_SUFFIX.matcher(Path.of(command).getFileName().toString()).replaceFirst("$1"))
			.orElse("kernel threads");
	}

	/**
	 * The machine's CPU times since boot (user, nice, system, idle, iowait, ...); none
	 * off Linux.
	 */
	private static long[] machineTimes() {
		try {
			String[] fields = Files.readAllLines(MACHINE_TIMES).getFirst().trim().split("\\s+");
			return Arrays.stream(fields, 1, Math.min(fields.length, 9)).mapToLong(Long::parseLong).toArray();
		}
		catch (IOException | RuntimeException ex) {
			return new long[0];
		}
	}

}
