package app.meet.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * A signaling socket as the frontend opens it ({@code /ws?meeting_id=&token=}): sends
 * JSON messages and keeps every message it receives, one per text frame.
 */
final class SignalSocket implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final WebSocket socket;

	private final LinkedBlockingQueue<JsonNode> incoming;

	private final CompletableFuture<Integer> closed;

	private final List<JsonNode> skipped = new ArrayList<>();

	private SignalSocket(WebSocket socket, LinkedBlockingQueue<JsonNode> incoming, CompletableFuture<Integer> closed) {
		this.socket = socket;
		this.incoming = incoming;
		this.closed = closed;
	}

	/**
	 * Opens a socket to {@code baseUrl} (the gateway, or an instance directly).
	 * @throws WebSocketHandshakeException when the upgrade is refused
	 */
	static SignalSocket open(String baseUrl, String meetingId, String token, boolean tokenAsHeader)
			throws WebSocketHandshakeException {
		String url = baseUrl.replaceFirst("^http", "ws") + "/ws?meeting_id=" + meetingId
				+ (tokenAsHeader ? "" : "&token=" + token);
		LinkedBlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
		CompletableFuture<Integer> closed = new CompletableFuture<>();
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		if (tokenAsHeader) {
			builder.header("Authorization", "Bearer " + token);
		}
		try {
			WebSocket socket = builder.buildAsync(URI.create(url), new Listener(incoming, closed)).join();
			return new SignalSocket(socket, incoming, closed);
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				throw described(refused);
			}
			throw ex;
		}
	}

	/** The refusal, with the answer's status and body shown in a failing test's trace. */
	private static WebSocketHandshakeException described(WebSocketHandshakeException refused) {
		HttpResponse<?> answer = refused.getResponse();
		refused
			.addSuppressed(new IllegalStateException("Upgrade refused: " + answer.statusCode() + " " + answer.body()));
		return refused;
	}

	static SignalSocket open(String gatewayUrl, String meetingId, String token) throws WebSocketHandshakeException {
		return open(gatewayUrl, meetingId, token, false);
	}

	void send(Map<String, Object> message) {
		sendText(Gateway.JSON.writeValueAsString(message));
	}

	void sendText(String text) {
		this.socket.sendText(text, true).join();
	}

	void sendBinary(java.nio.ByteBuffer data) {
		this.socket.sendBinary(data, true).join();
	}

	/**
	 * The next message of the type, within the time; messages of other types are kept.
	 */
	JsonNode await(String type, Duration within) {
		for (JsonNode message : this.skipped) {
			if (type.equals(message.path("type").asString())) {
				this.skipped.remove(message);
				return message;
			}
		}
		long deadline = System.nanoTime() + within.toNanos();
		while (true) {
			JsonNode message = poll(deadline);
			if (message == null) {
				throw new AssertionError("No " + type + " within " + within + "; got " + this.skipped);
			}
			if (type.equals(message.path("type").asString())) {
				return message;
			}
			this.skipped.add(message);
		}
	}

	/** Every message of the type that arrives within the time. */
	List<JsonNode> collect(String type, Duration during) {
		List<JsonNode> found = new ArrayList<>();
		this.skipped.removeIf((message) -> type.equals(message.path("type").asString()) && found.add(message));
		long deadline = System.nanoTime() + during.toNanos();
		JsonNode message;
		while ((message = poll(deadline)) != null) {
			if (type.equals(message.path("type").asString())) {
				found.add(message);
			}
			else {
				this.skipped.add(message);
			}
		}
		return found;
	}

	/** The close code once the server closes the socket, within the time. */
	int awaitClose(Duration within) {
		return this.closed.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	private JsonNode poll(long deadline) {
		try {
			return this.incoming.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally((ex) -> null).join();
		}
		this.socket.abort();
	}

	private static final class Listener implements WebSocket.Listener {

		private final LinkedBlockingQueue<JsonNode> incoming;

		private final CompletableFuture<Integer> closed;

		private final StringBuilder partial = new StringBuilder();

		Listener(LinkedBlockingQueue<JsonNode> incoming, CompletableFuture<Integer> closed) {
			this.incoming = incoming;
			this.closed = closed;
		}

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.incoming.add(Gateway.JSON.readTree(this.partial.toString()));
				this.partial.setLength(0);
			}
			socket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket socket, Throwable error) {
			this.closed.complete(-1);
		}

	}

}
