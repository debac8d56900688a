package app.meet.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * A client of a meeting's live stream, reading it as a browser's {@code EventSource}
 * does: events with their {@code id}, {@code event} and {@code data}, comments, and the
 * end of the stream.
 */
final class EventStream implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final Event END = new Event(-1, "", null);

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();

	private final HttpResponse<InputStream> response;

	private EventStream(HttpResponse<InputStream> response) {
		this.response = response;
		if (response.statusCode() == 200) {
			Thread.ofVirtual().name("event-stream-reader").start(this::read);
		}
	}

	/**
	 * Opens the stream of a meeting.
	 * @param baseUrl the gateway's, or a service instance's
	 * @param token sent as {@code ?token=} through the gateway, else as a bearer header
	 * @param lastEventId sent as {@code Last-Event-ID} unless null
	 */
	static EventStream open(String baseUrl, String meetingId, String token, boolean tokenInQuery, Long lastEventId,
			String origin) {
		String path = "/api/meetings/" + meetingId + "/events" + (tokenInQuery ? "?token=" + token : "");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Accept", "text/event-stream");
		if (!tokenInQuery) {
			request.header("Authorization", "Bearer " + token);
		}
		if (lastEventId != null) {
			request.header("Last-Event-ID", Long.toString(lastEventId));
		}
		if (origin != null) {
			request.header("Origin", origin);
		}
		try {
			return new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Opens the stream through the gateway with {@code ?token=}, as the frontend does.
	 */
	static EventStream open(String gatewayUrl, String meetingId, String token) {
		return open(gatewayUrl, meetingId, token, true, null, null);
	}

	HttpResponse<InputStream> response() {
		return this.response;
	}

	/** The next event, or null if none came in time; fails once the stream has ended. */
	Event next(Duration timeout) {
		Event event = poll(timeout);
		if (event == END) {
			this.events.add(END);
			throw new AssertionError("the stream ended");
		}
		return event;
	}

	/** The next event with the given name, skipping others. */
	Event next(String name, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			if (event != null && event.name().equals(name)) {
				return event;
			}
		}
		throw new AssertionError("no " + name + " within " + timeout);
	}

	/** Every event until none has come for {@code quiet}. */
	List<Event> drain(Duration quiet) {
		List<Event> drained = new ArrayList<>();
		Event event;
		while ((event = poll(quiet)) != null && event != END) {
			drained.add(event);
		}
		if (event == END) {
			this.events.add(END);
		}
		return drained;
	}

	/** Whether the server ended the stream within {@code timeout} (after any events). */
	boolean endsWithin(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))) == END) {
				this.events.add(END);
				return true;
			}
		}
		return false;
	}

	/** The next comment line (a heartbeat), or null if none came in time. */
	String nextComment(Duration timeout) {
		try {
			return this.comments.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Event poll(Duration timeout) {
		try {
			return this.events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			long id = -1;
			String name = "message";
			StringBuilder data = new StringBuilder();
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						this.events.add(new Event(id, name, Gateway.JSON.readTree(data.toString())));
					}
					name = "message";
					data.setLength(0);
				}
				else if (line.startsWith(":")) {
					this.comments.add(line.substring(1).strip());
				}
				else if (line.startsWith("id:")) {
					id = Long.parseLong(line.substring(3).strip());
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).strip());
				}
			}
		}
		catch (IOException ex) {
			// closed by the test, or cut by the server: either way the stream is over
		}
		finally {
			this.events.add(END);
		}
	}

	@Override
	public void close() {
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	/**
	 * @param envelope {@code {"type": name, "data": payload}}
	 */
	record Event(long id, String name, JsonNode envelope) {

		JsonNode data() {
			return this.envelope.get("data");
		}

	}

}
