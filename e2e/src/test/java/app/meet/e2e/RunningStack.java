package app.meet.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import app.meet.devstack.Stack;

/**
 * The stack every end-to-end test talks to: started once per test JVM from the built
 * jars, on free ports and real servers, chat-service twice; stopped when the JVM exits.
 */
final class RunningStack {

	private static Stack stack;

	private RunningStack() {
	}

	static synchronized Stack get() {
		if (stack == null) {
			try {
				Path directory = Files.createTempDirectory("meet-e2e-",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
				Stack started = new Stack(Path.of("..").toAbsolutePath().normalize(), directory,
						Stack.StackPorts.random(), Map.of("chat-service", 2), false);
				Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-stack-shutdown"));
				started.start((component) -> System.out.println("ready: " + component));
				stack = started;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return stack;
	}

}
