package app.meet.devstack.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import app.meet.devstack.Infrastructure;

/** The one set of servers a test JVM shares; stopped and deleted when the JVM exits. */
public final class SharedInfrastructure {

	private static Infrastructure infrastructure;

	private static RuntimeException failure;

	private SharedInfrastructure() {
	}

	public static synchronized Infrastructure get() {
		// a test that reaches into the servers (stops one, reads it as a superuser) needs
		// the embedded ones
		Assumptions.assumeFalse(ContainerInfrastructure.selected(),
				"This test needs the embedded servers; it is skipped with the testcontainers profile");
		if (failure != null) {
			throw failure;
		}
		if (infrastructure == null) {
			try {
				// searchable by others: as root, PostgreSQL runs as an unprivileged user
				Path directory = Files.createTempDirectory("meet-test-infra-",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
				long start = System.nanoTime();
				Infrastructure started = new Infrastructure(directory, Infrastructure.Ports.random(), false);
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					started.close();
					deleteRecursively(directory);
				}, "meet-test-infrastructure-shutdown"));
				try {
					started.start((server) -> {
					});
				}
				catch (RuntimeException ex) {
					failure = ex;
					throw ex;
				}
				System.out.printf("Test infrastructure ready in %.1f s under %s%n", (System.nanoTime() - start) / 1e9,
						directory);
				infrastructure = started;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return infrastructure;
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("Could not delete " + directory + ": " + ex.getMessage());
		}
	}

}
