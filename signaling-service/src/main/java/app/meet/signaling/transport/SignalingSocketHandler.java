package app.meet.signaling.transport;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.platform.security.RevocationWatch;
import app.meet.signaling.config.SignalingProperties;
import app.meet.signaling.protocol.ClientMessage;
import app.meet.signaling.protocol.ClientMessages;
import app.meet.signaling.room.Connection;
import app.meet.signaling.room.Signaling;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws}: turns socket events into {@link Signaling} calls, and closes a socket
 * whose token is revoked ({@link RevocationWatch}).
 */
@Component
class SignalingSocketHandler extends TextWebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(SignalingSocketHandler.class);

	private static final String CONNECTION = SignalingSocketHandler.class.getName() + ".connection";

	private static final String FRAME = SignalingSocketHandler.class.getName() + ".frame";

	private static final String REVOCATION_WATCH = SignalingSocketHandler.class.getName() + ".revocation-watch";

	/** A recipient this far behind (or this slow to take a frame) is disconnected. */
	private static final int SEND_TIME_LIMIT_MILLIS = 10_000;

	private static final int SEND_BUFFER_LIMIT_BYTES = 8 * 1024 * 1024;

	private static final Pattern CAMEL_CASE_BOUNDARY = Pattern.compile("([a-z])([A-Z])");

	private final Signaling signaling;

	private final ClientMessages messages;

	private final int framesPerSecond;

	private final int maxFrameSize;

	private final RevocationWatch revocations;

	private final ObservationRegistry observations;

	SignalingSocketHandler(Signaling signaling, ClientMessages messages, RevocationWatch revocations,
			SignalingProperties properties, ObservationRegistry observations) {
		this.observations = observations;
		this.signaling = signaling;
		this.messages = messages;
		this.revocations = revocations;
		this.framesPerSecond = properties.framesPerSecond();
		this.maxFrameSize = properties.maxFrameSize();
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		Entry.Admitted admitted = (Entry.Admitted) session.getAttributes().get(EntryHandshake.ADMITTED);
		Connection connection = new Connection(
				new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MILLIS, SEND_BUFFER_LIMIT_BYTES),
				admitted.meetingId(), admitted.user(), admitted.standing(), this.framesPerSecond);
		session.getAttributes().put(CONNECTION, connection);
		session.getAttributes()
			.put(REVOCATION_WATCH, this.revocations.watch((Jwt) session.getAttributes().get(EntryHandshake.TOKEN),
					() -> this.signaling.tokenRevoked(connection)));
		this.signaling.opened(connection);
	}

	/**
	 * Frames arrive in parts of the container's small buffer and are put together here,
	 * so an idle socket holds a few KiB instead of a buffer as large as the largest
	 * frame.
	 */
	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage part) throws IOException {
		StringBuilder frame = (StringBuilder) session.getAttributes()
			.computeIfAbsent(FRAME, (key) -> new StringBuilder());
		if (frame.length() + part.getPayloadLength() > this.maxFrameSize) {
			frame.setLength(0);
			session.close(
					CloseStatus.TOO_BIG_TO_PROCESS.withReason("Frames are limited to " + this.maxFrameSize + " bytes"));
			return;
		}
		if (part.isLast() && frame.isEmpty()) {
			receive(session, part.getPayload());
			return;
		}
		frame.append(part.getPayload());
		if (part.isLast()) {
			String whole = frame.toString();
			session.getAttributes().remove(FRAME);
			receive(session, whole);
		}
	}

	/**
	 * Each frame in a span (and a timer, {@code meet_signaling_messages}) of its own: the
	 * trace that its relay to another instance continues.
	 */
	private void receive(WebSocketSession session, String frame) {
		ClientMessage message = this.messages.read(frame);
		String type = CAMEL_CASE_BOUNDARY.matcher(message.getClass().getSimpleName())
			.replaceAll("$1-$2")
			.toLowerCase(Locale.ROOT);
		Observation.createNotStarted("meet.signaling.messages", this.observations)
			.lowCardinalityKeyValue("type", type)
			.contextualName("signaling " + type)
			.observe(() -> this.signaling.received(connection(session), message));
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		log.debug("Socket {} failed: {}", session.getId(), exception.getMessage());
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		if (session.getAttributes().get(REVOCATION_WATCH) instanceof RevocationWatch.Registration watched) {
			watched.close();
		}
		Connection connection = connection(session);
		if (connection != null) {
			this.signaling.closed(connection);
		}
	}

	private static Connection connection(WebSocketSession session) {
		return (Connection) session.getAttributes().get(CONNECTION);
	}

}
