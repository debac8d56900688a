package app.meet.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waits until a process answers 200 on a path of its port, or gives up. */
final class Readiness {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

	/**
	 * @throws DevStackException when the process exits first, or is not ready in three
	 * minutes
	 */
	void await(String name, ManagedProcess process, int port, String path) {
		URI uri = URI.create("http://127.0.0.1:" + port + path);
		Waiter.await(name, READY_TIMEOUT, process, () -> isReady(uri));
	}

	private boolean isReady(URI uri) {
		try {
			HttpResponse<Void> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
