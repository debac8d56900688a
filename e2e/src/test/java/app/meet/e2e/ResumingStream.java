package app.meet.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A meeting's live stream read as a browser's {@code EventSource} reads it: when the
 * stream ends or cannot be opened, it is opened again through the gateway a second later,
 * with {@code Last-Event-ID} naming the last event received. Every event is kept with the
 * time it arrived.
 */
final class ResumingStream implements AutoCloseable {

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final String gatewayUrl;

	private final String meetingId;

	private final String token;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger reconnects = new AtomicInteger();

	private final Thread reader;

	private volatile EventStream current;

	private volatile boolean closed;

	/**
	 * @param firstUrl where the stream is opened first: the gateway, or one instance of
	 * chat-service, to know which instance a test's fault cuts it from
	 */
	ResumingStream(String firstUrl, String gatewayUrl, String meetingId, String token) {
		this.gatewayUrl = gatewayUrl;
		this.meetingId = meetingId;
		this.token = token;
		this.current = EventStream.open(firstUrl, meetingId, token, firstUrl.equals(gatewayUrl), null, null);
		if (this.current.response().statusCode() != 200) {
			throw new IllegalStateException("The stream answered " + this.current.response().statusCode());
		}
		this.reader = Thread.ofVirtual().name("resuming-stream").start(this::readUntilClosed);
	}

	private void readUntilClosed() {
		while (!this.closed) {
			EventStream stream = this.current;
			if (stream != null && stream.response().statusCode() == 200) {
				readUntilEnd(stream);
			}
			if (this.closed) {
				return;
			}
			try {
				Thread.sleep(RETRY);
			}
			catch (InterruptedException ex) {
				return;
			}
			this.reconnects.incrementAndGet();
			this.current = reopen();
		}
	}

	private void readUntilEnd(EventStream stream) {
		try {
			while (!this.closed) {
				EventStream.Event event = stream.next(Duration.ofSeconds(1));
				if (event != null) {
					this.received.add(new Received(event, System.nanoTime()));
				}
			}
		}
		catch (AssertionError ended) {
			// the stream ended: opened again with Last-Event-ID
		}
	}

	private EventStream reopen() {
		Long lastEventId = this.received.isEmpty() ? null : this.received.getLast().event().id();
		try {
			return EventStream.open(this.gatewayUrl, this.meetingId, this.token, true, lastEventId, null);
		}
		catch (IllegalStateException unreachable) {
			return null;
		}
	}

	/** Every event so far, in the order it arrived. */
	List<Received> received() {
		return List.copyOf(this.received);
	}

	/** How many times the stream was opened again. */
	int reconnects() {
		return this.reconnects.get();
	}

	@Override
	public void close() {
		this.closed = true;
		EventStream stream = this.current;
		if (stream != null) {
			stream.close();
		}
		this.reader.interrupt();
	}

	record Received(EventStream.Event event, long arrivedAt) {
	}

}
