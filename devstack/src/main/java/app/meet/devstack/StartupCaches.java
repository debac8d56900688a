package app.meet.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * JDK AOT caches for the launcher's JVMs, which roughly halve each service's start-up. A
 * service's jar is extracted once per build (an AOT cache covers classes on the class
 * path, not those nested in a fat jar); an instance without a cache records one while it
 * runs and writes it when it stops; later starts load it.
 */
final class StartupCaches {

	private final Path projectRoot;

	private final Path directory;

	private volatile boolean recording;

	StartupCaches(Path projectRoot, Path directory) {
		this.projectRoot = projectRoot;
		this.directory = directory;
	}

	/**
	 * The options that start the given instance from its extracted jar, with its cache.
	 */
	List<String> jvmOptions(ServiceDefinition service, String instance) throws IOException {
		Path extracted = extract(service);
		Path cache = extracted.getParent().resolve(instance + ".aot");
		if (Files.isRegularFile(cache)) {
			return List.of("-XX:AOTCache=" + cache, "-jar", extracted.toString());
		}
		this.recording = true;
		return List.of("-XX:AOTCacheOutput=" + cache, "-jar", extracted.toString());
	}

	/** Whether some instance is recording a cache, which it writes as it exits. */
	boolean recording() {
		return this.recording;
	}

	/**
	 * Extracts the service's jar unless this build's is already extracted; a new build
	 * drops the caches.
	 */
	private Path extract(ServiceDefinition service) throws IOException {
		Path jar = service.jar(this.projectRoot);
		Path target = this.directory.resolve(service.name());
		Path marker = target.resolve("extracted-from");
		String build = Files.getLastModifiedTime(jar).toMillis() + ":" + Files.size(jar);
		Path extracted = target.resolve(jar.getFileName());
		if (Files.isRegularFile(marker) && Files.readString(marker).equals(build) && Files.isRegularFile(extracted)) {
			return extracted;
		}
		deleteRecursively(target);
		Files.createDirectories(target);
		ManagedProcess.run(
				"extracting " + jar.getFileName(), List.of(Locations.javaCommand(), "-Djarmode=tools", "-jar",
						jar.toString(), "extract", "--destination", target.toString(), "--force"),
				target.resolve("extract.log"), Duration.ofSeconds(60));
		if (!Files.isRegularFile(extracted)) {
			throw new DevStackException("Could not extract " + jar + "; see " + target.resolve("extract.log"));
		}
		Files.writeString(marker, build);
		return extracted;
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
