package app.meet.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling helpers for servers coming up. */
final class Waiter {

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

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new DevStackException("No free port on the loopback interface", ex);
		}
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
