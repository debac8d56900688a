package app.meet.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Requests sent over and over while a fault is injected, each kind by its own client in a
 * loop, every answer kept with when it was asked and how long it took. A request that got
 * no answer within {@link #TIMEOUT} counts as status 0.
 */
final class Traffic implements AutoCloseable {

	/** Far beyond what any answer may take, so that a hang shows as a slow answer. */
	static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, Supplier<HttpRequest>> kinds = new LinkedHashMap<>();

	private final List<Answer> answers = new CopyOnWriteArrayList<>();

	private final List<Thread> clients = new ArrayList<>();

	private final Duration pause;

	private volatile boolean stopped;

	/**
	 * @param pause how long each client waits between two requests
	 */
	Traffic(Duration pause) {
		this.pause = pause;
	}

	/** Adds a kind of request; each call of {@code request} builds the next one. */
	Traffic add(String kind, Supplier<HttpRequest> request) {
		this.kinds.put(kind, request);
		return this;
	}

	Traffic start() {
		this.kinds.forEach((kind, request) -> this.clients
			.add(Thread.ofVirtual().name("traffic-" + kind).start(() -> sendUntilStopped(kind, request))));
		return this;
	}

	private void sendUntilStopped(String kind, Supplier<HttpRequest> request) {
		while (!this.stopped) {
			long started = System.nanoTime();
			HttpResponse<String> response = send(request.get());
			this.answers.add(new Answer(kind, started, System.nanoTime(), response));
			try {
				Thread.sleep(this.pause);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** Every answer so far, in the order they came. */
	List<Answer> answers() {
		return List.copyOf(this.answers);
	}

	/** Stops every client once its current request is answered. */
	@Override
	public void close() {
		this.stopped = true;
		for (Thread client : this.clients) {
			try {
				client.join(TIMEOUT.plusSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * One request's outcome.
	 *
	 * @param response null when no answer came (refused, cut, or timed out)
	 */
	record Answer(String kind, long sentAt, long answeredAt, HttpResponse<String> response) {

		int status() {
			return (this.response != null) ? this.response.statusCode() : 0;
		}

		boolean succeeded() {
			return status() >= 200 && status() < 300;
		}

		Duration took() {
			return Duration.ofNanos(this.answeredAt - this.sentAt);
		}

		/**
		 * A 503 problem+json with {@code Retry-After}: what a client may meet while a
		 * server the service needs is away.
		 */
		boolean isServiceUnavailable() {
			return status() == 503
					&& this.response.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")
					&& this.response.headers().firstValue("Retry-After").isPresent();
		}

		@Override
		public String toString() {
			return this.kind + " " + status() + " in " + took().toMillis() + " ms"
					+ ((this.response != null && !succeeded()) ? ": " + this.response.body() : "");
		}

	}

}
