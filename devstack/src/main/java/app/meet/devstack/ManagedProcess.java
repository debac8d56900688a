package app.meet.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server running as a child process whose output goes to a log file. Children are
 * started in a session of their own, so that Ctrl-C reaches only the launcher, which then
 * stops them in order.
 */
final class ManagedProcess {

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	private final String name;

	private final Process process;

	private final Path log;

	private ManagedProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path log)
			throws IOException {
		Files.createDirectories(log.getParent());
		List<String> fullCommand = new ArrayList<>();
		if (Files.isExecutable(SETSID)) {
			fullCommand.add(SETSID.toString());
		}
		fullCommand.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(fullCommand).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		return new ManagedProcess(name, builder.start(), log);
	}

	/**
	 * Runs a short-lived tool to completion in the foreground (no session of its own, so
	 * its end is the end of its work), its output going to the log.
	 * @throws DevStackException naming the log and quoting its end when the tool fails or
	 * does not finish in time
	 */
	static void run(String name, List<String> command, Path log, Duration timeout) throws IOException {
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new DevStackException(name + " did not finish within " + timeout.toSeconds() + " s; see "
						+ log.toAbsolutePath() + tail(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new DevStackException("Interrupted while running " + name, ex);
		}
		if (process.exitValue() != 0) {
			throw new DevStackException(name + " failed with exit code " + process.exitValue() + "; see "
					+ log.toAbsolutePath() + tail(log));
		}
	}

	/** The last lines of a log, to quote in an error: the log may not outlive the run. */
	static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "";
		}
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	/** The exit code of a process that has ended. */
	int exitCode() {
		return this.process.exitValue();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Throws when the process has died, naming its log, so that a failed start never
	 * hangs.
	 */
	void checkAlive() {
		if (!this.process.isAlive()) {
			throw new DevStackException(
					this.name + " exited with code " + this.process.exitValue() + "; see " + this.log.toAbsolutePath());
		}
	}

	/**
	 * Sends the given signal and waits; kills the process if it does not exit in time.
	 */
	void stop(String signal, Duration grace) {
		if (!this.process.isAlive()) {
			return;
		}
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).start().waitFor();
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (IOException ex) {
			this.process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
