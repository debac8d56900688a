package app.meet.devstack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put the files the servers run from. */
final class Locations {

	private static final String HOME_PROPERTY = "meet.devstack.home";

	private Locations() {
	}

	/**
	 * The devstack module's {@code target} directory, found beside its classes (or its
	 * jar), or named by the {@code meet.devstack.home} system property.
	 */
	static Path devstackTarget() {
		String configured = System.getProperty(HOME_PROPERTY);
		if (configured != null) {
			return Path.of(configured);
		}
		try {
			Path codeSource = Path.of(Locations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			Path target = codeSource.getParent();
			if (!Files.isDirectory(target.resolve("kafka-lib"))) {
				throw new DevStackException("No kafka-lib beside " + codeSource
						+ ": build the devstack module first (./mvnw -pl devstack package)");
			}
			return target;
		}
		catch (URISyntaxException ex) {
			throw new DevStackException("Cannot locate the devstack build", ex);
		}
	}

	static Path kafkaLibraries() {
		return devstackTarget().resolve("kafka-lib");
	}

	static Path s3ServerJar() {
		return devstackTarget().resolve("s3-lib").resolve("s3proxy.jar");
	}

	/** The java launcher of the running JVM, so that every child runs on the same JDK. */
	static String javaCommand() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

}
