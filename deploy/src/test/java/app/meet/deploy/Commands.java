package app.meet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command-line tools the deployment checks run: npm packages installed into
 * {@code target/tools} from the npm registry (with the machine's Node.js, like the
 * browser tests' Chromium), and programs on the {@code PATH}.
 */
final class Commands {

	static final Path PROJECT_ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Path TOOLS = Path.of("target", "tools").toAbsolutePath();

	private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

	private Commands() {
	}

	/**
	 * The npm package's program, installed at the pinned version if it is not yet; skips
	 * the calling test where Node.js is not installed.
	 */
	static Path npmTool(String pkg, String version, String program) {
		assumeTrue(onPath("npm"), "Node.js and npm are not installed; the deployment checks that use " + pkg
				+ " are skipped (Debian: apt-get install nodejs npm)");
		Path installed = TOOLS.resolve("node_modules").resolve(".bin").resolve(program);
		if (!Files.isExecutable(installed) || !Files.exists(TOOLS.resolve("node_modules").resolve(pkg))) {
			npmInstall(pkg, version);
		}
		return installed;
	}

	/**
	 * The {@code node_modules} directory that holds the npm package, a library without a
	 * program of its own, installed at the pinned version if it is not yet; skips the
	 * calling test where Node.js is not installed.
	 */
	static Path npmLibrary(String pkg, String version) {
		assumeTrue(onPath("npm"), "Node.js and npm are not installed; the deployment checks that use " + pkg
				+ " are skipped (Debian: apt-get install nodejs npm)");
		Path modules = TOOLS.resolve("node_modules");
		if (!installedVersion(modules.resolve(pkg)).equals(version)) {
			npmInstall(pkg, version);
		}
		return modules;
	}

	private static void npmInstall(String pkg, String version) {
		Result result = run(TOOLS.getParent(), Duration.ofMinutes(3), "npm", "install", "--prefix", TOOLS.toString(),
				"--no-audit", "--no-fund", "--loglevel=error", pkg + "@" + version);
		if (result.exitCode() != 0) {
			throw new IllegalStateException("npm could not install " + pkg + ": " + result.output());
		}
	}

	// the version in the installed package's package.json, empty if there is none
	private static String installedVersion(Path installed) {
		Path manifest = installed.resolve("package.json");
		if (!Files.exists(manifest)) {
			return "";
		}
		try {
			Matcher version = VERSION.matcher(Files.readString(manifest));
			return version.find() ? version.group(1) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs one of the checks' Node.js scripts (a test resource, such as
	 * {@code validate-k8s.mjs}) on a file, with the npm packages installed in
	 * {@code modules}: {@code node <script> <modules> <file>}.
	 */
	static Result nodeScript(String script, Path modules, Path file) {
		try {
			Path path = Path.of(Commands.class.getResource("/" + script).toURI());
			return run(file.getParent(), Duration.ofMinutes(1), "node", path.toString(), modules.toString(),
					file.toString());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs the command in the directory, its output and errors as one text. */
	static Result run(Path directory, Duration within, String... command) {
		return run(directory, within, Map.of(), command);
	}

	/**
	 * Runs the command in the directory with these environment variables added, its
	 * output and errors as one text.
	 */
	static Result run(Path directory, Duration within, Map<String, String> environment, String... command) {
		try {
			Files.createDirectories(directory);
			Path output = Files.createTempFile("command-", ".out");
			try {
				ProcessBuilder builder = new ProcessBuilder(command);
				builder.environment().putAll(environment);
				Process process = builder.directory(directory.toFile())
					.redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
					.start();
				if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(String.join(" ", command) + " took longer than " + within);
				}
				return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
			}
			finally {
				Files.delete(output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Skips the calling test where the program is not installed. */
	static void assumeInstalled(String program, String debianPackage) {
		assumeTrue(onPath(program),
				program + " is not installed; the checks that use it are skipped (Debian: apt-get install "
						+ debianPackage + ")");
	}

	private static boolean onPath(String program) {
		return List.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.stream()
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, program)));
	}

	record Result(int exitCode, String output) {
	}

}
