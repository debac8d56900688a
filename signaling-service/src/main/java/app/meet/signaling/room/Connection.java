package app.meet.signaling.room;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.signaling.meeting.Standing;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One socket of a user in a meeting on this instance. It starts pending; it is admitted
 * once its user is let in ({@code host-join}, an approved {@code join-request}) or when
 * it takes over its user's previous socket.
 */
public final class Connection {

	private static final Logger log = LoggerFactory.getLogger(Connection.class);

	private final UUID id = UUID.randomUUID();

	private final WebSocketSession session;

	private final UUID meetingId;

	private final User user;

	private final Standing standing;

	private final int framesPerSecond;

	private volatile boolean admitted;

	private volatile boolean knocked;

	private volatile boolean closed;

	/** Whether this socket's user is the meeting's screen sharer, as far as it knows. */
	private volatile boolean sharing;

	private volatile ScheduledFuture<?> introductions;

	/** The frames sent with {@link #sendOnce}. */
	private final Set<String> sentOnce = ConcurrentHashMap.newKeySet();

	private long windowStart;

	private int framesInWindow;

	/**
	 * @param session a session safe for concurrent sends
	 * @param standing the user's standing with the meeting when the socket opened
	 */
	public Connection(WebSocketSession session, UUID meetingId, User user, Standing standing, int framesPerSecond) {
		this.session = session;
		this.meetingId = meetingId;
		this.user = user;
		this.standing = standing;
		this.framesPerSecond = framesPerSecond;
	}

	public UUID id() {
		return this.id;
	}

	public UUID meetingId() {
		return this.meetingId;
	}

	public User user() {
		return this.user;
	}

	public UUID userId() {
		return this.user.id();
	}

	Standing standing() {
		return this.standing;
	}

	boolean admitted() {
		return this.admitted && !this.closed;
	}

	void admit() {
		this.admitted = true;
	}

	void unadmit() {
		this.admitted = false;
		cancelIntroductions();
	}

	boolean sharing() {
		return this.sharing;
	}

	void sharing(boolean sharing) {
		this.sharing = sharing;
	}

	boolean knocked() {
		return this.knocked;
	}

	void knock() {
		this.knocked = true;
	}

	/** The knock was refused; the socket may knock again. */
	void knockRefused() {
		this.knocked = false;
	}

	boolean closed() {
		return this.closed;
	}

	void introduceLater(ScheduledFuture<?> introductions) {
		cancelIntroductions();
		this.introductions = introductions;
	}

	private void cancelIntroductions() {
		ScheduledFuture<?> pending = this.introductions;
		if (pending != null) {
			pending.cancel(false);
		}
	}

	/**
	 * Counts a frame from the client against its rate: whether it is within the limit.
	 * Called by the session's reader only.
	 */
	boolean withinRate(long nowMillis) {
		if (nowMillis - this.windowStart >= 1000) {
			this.windowStart = nowMillis;
			this.framesInWindow = 0;
		}
		return ++this.framesInWindow <= this.framesPerSecond;
	}

	void send(String frame) {
		if (this.closed) {
			return;
		}
		try {
			this.session.sendMessage(new TextMessage(frame));
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Could not send to socket {}: {}", this.id, ex.getMessage());
		}
	}

	/** Sends the frame unless this socket was sent the same one before. */
	void sendOnce(String frame) {
		if (this.sentOnce.add(frame)) {
			send(frame);
		}
	}

	void close(CloseStatus status) {
		markClosed();
		try {
			this.session.close(status);
		}
		catch (IOException ex) {
			log.debug("Could not close socket {}: {}", this.id, ex.getMessage());
		}
	}

	void markClosed() {
		this.closed = true;
		cancelIntroductions();
	}

	/** The user behind the socket, from their access token. */
	public record User(UUID id, String username, String name, String email) {
	}

}
