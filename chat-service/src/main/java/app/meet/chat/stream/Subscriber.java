package app.meet.chat.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open stream: the events waiting to be written to it, and what its user may see. The
 * hub offers events in order; one writer takes them. A subscriber that falls too far
 * behind is ended rather than blocking the others; its client reconnects with
 * {@code Last-Event-ID} and gets the rest from the log.
 */
final class Subscriber {

	private static final Outgoing WAKE_UP = new Outgoing(new StreamEvent(new UUID(0, 0), 0, "", null, "null"),
			new byte[0]);

	private static final int BATCH = 256;

	private final UUID userId;

	private final BlockingQueue<Outgoing> pending;

	private volatile boolean ended;

	/** Whether the user is an active participant; read and written by the writer only. */
	private boolean active;

	Subscriber(UUID userId, boolean active, int backlog) {
		this.userId = userId;
		this.active = active;
		this.pending = new ArrayBlockingQueue<>(backlog);
	}

	void offer(Outgoing event) {
		if (!this.ended && !this.pending.offer(event)) {
			this.ended = true;
		}
	}

	/** Ends the stream: the writer stops before writing anything more. */
	void end() {
		this.ended = true;
		this.pending.offer(WAKE_UP);
	}

	boolean ended() {
		return this.ended;
	}

	/**
	 * The next events, waiting at most {@code timeout} for the first.
	 * @return the events in order; none when the time ran out
	 */
	List<Outgoing> next(Duration timeout) throws InterruptedException {
		List<Outgoing> events = new ArrayList<>();
		Outgoing first = this.pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (first != null) {
			events.add(first);
			this.pending.drainTo(events, BATCH);
		}
		events.remove(WAKE_UP);
		return events;
	}

	/**
	 * Until the user is active only the meeting's end reaches them; from their join on,
	 * everything but news of their own join; their departure is the last thing they hear.
	 */
	Delivery decide(StreamEvent event) {
		if (event.name().equals(StreamEvent.MEETING_ENDED)) {
			return Delivery.SEND_AND_END;
		}
		if (this.userId.equals(event.aboutUser())) {
			if (event.name().equals(StreamEvent.PARTICIPANT_JOINED)) {
				this.active = true;
				return Delivery.SKIP;
			}
			boolean wasActive = this.active;
			this.active = false;
			return wasActive ? Delivery.SEND_AND_END : Delivery.SKIP;
		}
		return this.active ? Delivery.SEND : Delivery.SKIP;
	}

	/** An event with its SSE frame, encoded once for all of a meeting's subscribers. */
	record Outgoing(StreamEvent event, byte[] frame) {

		static Outgoing of(StreamEvent event) {
			return new Outgoing(event, event.frame());
		}

	}

	enum Delivery {

		SKIP, SEND, SEND_AND_END

	}

}
