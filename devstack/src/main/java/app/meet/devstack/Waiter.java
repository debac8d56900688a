package app.meet.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling helpers for servers coming up. */
final class Waiter {

	private static final java.util.Random RANDOM = new java.security.SecureRandom();

	private Waiter() {
	}

	static void await(String what, Duration timeout, ManagedProcess process, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (process != null) {
				process.checkAlive();
			}
			if (System.nanoTime() > deadline) {
				throw new DevStackException(what + " was not ready within " + timeout.toSeconds() + " s"
						+ ((process != null) ? "; see " + process.log().toAbsolutePath() : ""));
			}
			sleep(Duration.ofMillis(100));
		}
	}

	static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static boolean isFree(String host, int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// as servers do, so that connections of an earlier run in TIME_WAIT do not
			// count as taken
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(host, port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A free loopback port below Linux's ephemeral range (32768 and up), so that the
	 * outgoing connections of the servers already running cannot take it before it is
	 * bound.
	 */
	static int freePort() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = 20000 + RANDOM.nextInt(12000);
			if (isFree("0.0.0.0", port)) {
				return port;
			}
		}
		throw new DevStackException("No free port between 20000 and 32000");
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DevStackException("Interrupted while waiting", ex);
		}
	}

}
