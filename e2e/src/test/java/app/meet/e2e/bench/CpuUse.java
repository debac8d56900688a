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
import java.util.stream.Stream;

/**
 * The CPU the machine's processes took over a measured window, in shares of one core:
 * what the measured path kept busy, and how much of the machine was left. Processes are
 * named by their jar (the stack's services, the S3 server), Kafka by its main class,
 * servers by their executable; this JVM is the load generator, and processes without a
 * command are the kernel's threads. The JVMs' JIT compiler threads are also counted
 * apart: a window in which they are still busy is not yet the steady state.
 */
final class CpuUse {

	/** Below this share a process is counted among the others. */
	private static final double SHOWN_SHARE = 0.01;

	/** {@code meet-redis-server-6.2.6-v5-linux-amd64} is Redis's server. */
	private static final Pattern VERSION_SUFFIX = Pattern.compile("^(?:meet-)?(.+?)(?:-\\d.*)?$");

	private static final Path MACHINE_TIMES = Path.of("/proc/stat");

	/** The names HotSpot gives its compiler threads, cut to 15 characters by Linux. */
	private static final Pattern COMPILER_THREAD = Pattern.compile("^C[12] CompilerThre");

	/**
	 * The kernel's clock ticks per second, in which {@code /proc} counts thread times.
	 */
	private static final double TICKS_PER_SECOND = 100;

	private final long startNanos = System.nanoTime();

	private final Map<Long, Duration> before = cpuByProcess();

	private final long[] machineBefore = machineTimes();

	private final Map<Long, Long> compilingBefore = compilerTicksByProcess();

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
		return machine() + named + ", others %.0f%%".formatted(others * 100) + compilers(seconds);
	}

	/** The JIT compilers' share, by process, where it is at least the shown share. */
	private String compilers(double seconds) {
		String named = compilerShares(seconds).entrySet()
			.stream()
			.filter((entry) -> entry.getValue() >= SHOWN_SHARE)
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.map((entry) -> "%s %.0f%%".formatted(entry.getKey(), entry.getValue() * 100))
			.collect(Collectors.joining(", "));
		return "; of which JIT compilers: " + (named.isEmpty() ? "none above 1%" : named);
	}

	/**
	 * The share of one core that the JIT compilers of every JVM but the load generator
	 * have taken in the window so far.
	 */
	double stackCompilersShare() {
		double seconds = (System.nanoTime() - this.startNanos) / 1e9;
		Map<String, Double> shares = compilerShares(seconds);
		shares.remove(name(ProcessHandle.current()));
		return shares.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	private Map<String, Double> compilerShares(double seconds) {
		Map<String, Double> shares = new HashMap<>();
		Map<Long, Long> now = compilerTicksByProcess();
		ProcessHandle.allProcesses().forEach((process) -> {
			Long ticks = now.get(process.pid());
			if (ticks != null) {
				// a compiler thread that ended in the window takes its time with it
				long taken = Math.max(0, ticks - this.compilingBefore.getOrDefault(process.pid(), 0L));
				shares.merge(name(process), taken / TICKS_PER_SECOND / seconds, Double::sum);
			}
		});
		return shares;
	}

	/**
	 * The CPU each JVM's compiler threads have taken, in clock ticks; an empty map off
	 * Linux.
	 */
	private static Map<Long, Long> compilerTicksByProcess() {
		Map<Long, Long> ticks = new HashMap<>();
		ProcessHandle.allProcesses().forEach((process) -> {
			long compiling = compilerTicks(Path.of("/proc", Long.toString(process.pid()), "task"));
			if (compiling > 0) {
				ticks.put(process.pid(), compiling);
			}
		});
		return ticks;
	}

	private static long compilerTicks(Path tasks) {
		long total = 0;
		try (Stream<Path> threads = Files.list(tasks)) {
			for (Path thread : threads.toList()) {
				if (COMPILER_THREAD.matcher(Files.readString(thread.resolve("comm"))).find()) {
					total += threadTicks(Files.readString(thread.resolve("stat")));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process or thread ended meanwhile, or this is not Linux
		}
		return total;
	}

	/**
	 * User and system time of a thread from its {@code stat} line, whose fields after the
	 * parenthesised name start with the state; the times are the 12th and 13th of them.
	 */
	private static long threadTicks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
