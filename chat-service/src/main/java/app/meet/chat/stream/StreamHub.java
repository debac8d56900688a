package app.meet.chat.stream;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.chat.config.ChatProperties;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The open streams of this instance, by meeting. Each meeting's events reach its
 * subscribers in order and without gaps: a notice that skips numbers is preceded by the
 * skipped events read from the {@link StreamLog} (events commit in number order, so they
 * are there), and a periodic check catches notices that never came.
 */
@Component
class StreamHub implements SmartLifecycle, SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(StreamHub.class);

	private final ConcurrentHashMap<UUID, MeetingChannel> channels = new ConcurrentHashMap<>();

	private final StreamLog streamLog;

	private final int backlog;

	private final Duration reconcileInterval;

	private volatile boolean running;

	StreamHub(StreamLog streamLog, ChatProperties properties, MeterRegistry meters) {
		this.streamLog = streamLog;
		this.backlog = properties.subscriberBacklog();
		this.reconcileInterval = properties.reconcileInterval();
		Gauge
			.builder("meet.chat.stream.subscribers", this.channels,
					(channels) -> channels.values().stream().mapToInt((channel) -> channel.subscribers.size()).sum())
			.description("Live streams open on this instance")
			.register(meters);
	}

	/**
	 * Opens a stream of the meeting for the user: the events after {@code lastEventId}
	 * first, when it is given, then everything as it happens.
	 */
	Subscriber subscribe(UUID meetingId, UUID userId, Long lastEventId) {
		if (!this.running) {
			throw new IllegalStateException("The service is shutting down");
		}
		while (true) {
			MeetingChannel channel = this.channels.computeIfAbsent(meetingId, MeetingChannel::new);
			channel.lock.lock();
			try {
				if (channel.retired) {
					continue;
				}
				if (!channel.primed) {
					channel.lastSeq = this.streamLog.lastSeq(meetingId);
					channel.primed = true;
				}
				long after = (lastEventId != null) ? Math.min(lastEventId, channel.lastSeq)
						: startOfNewStream(meetingId, channel.lastSeq);
				Subscriber subscriber = new Subscriber(userId, this.streamLog.activeAfter(meetingId, userId, after),
						this.backlog);
				this.streamLog.between(meetingId, after, channel.lastSeq)
					.forEach((event) -> subscriber.offer(Subscriber.Outgoing.of(event)));
				channel.subscribers.add(subscriber);
				return subscriber;
			}
			finally {
				channel.lock.unlock();
			}
		}
	}

	/** From now on; in an ended meeting, from just before its end, to hear of it. */
	private long startOfNewStream(UUID meetingId, long lastSeq) {
		return this.streamLog.endedAt(meetingId).map((ended) -> ended - 1).orElse(lastSeq);
	}

	void unsubscribe(UUID meetingId, Subscriber subscriber) {
		MeetingChannel channel = this.channels.get(meetingId);
		if (channel == null) {
			return;
		}
		channel.lock.lock();
		try {
			channel.subscribers.remove(subscriber);
			if (channel.subscribers.isEmpty() && !channel.retired) {
				channel.retired = true;
				this.channels.remove(meetingId, channel);
			}
		}
		finally {
			channel.lock.unlock();
		}
	}

	/** A committed event, announced by whichever instance recorded it. */
	void offer(StreamEvent event) {
		MeetingChannel channel = this.channels.get(event.meetingId());
		if (channel == null) {
			return;
		}
		channel.lock.lock();
		try {
			if (channel.retired || event.seq() <= channel.lastSeq) {
				return;
			}
			if (event.seq() == channel.lastSeq + 1) {
				deliver(channel, event);
			}
			else {
				catchUp(channel, event.seq());
			}
		}
		finally {
			channel.lock.unlock();
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::reconcile, this.reconcileInterval);
	}

	/** Delivers events whose notices were lost. */
	void reconcile() {
		for (MeetingChannel channel : this.channels.values()) {
			try {
				long latest = this.streamLog.lastSeq(channel.meetingId);
				if (latest > channel.lastSeq) {
					channel.lock.lock();
					try {
						if (!channel.retired) {
							catchUp(channel, latest);
						}
					}
					finally {
						channel.lock.unlock();
					}
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not check meeting {} for missed events: {}", channel.meetingId, ex.getMessage());
			}
		}
	}

	private void catchUp(MeetingChannel channel, long upTo) {
		List<StreamEvent> missed = this.streamLog.between(channel.meetingId, channel.lastSeq, upTo);
		missed.forEach((event) -> deliver(channel, event));
	}

	private void deliver(MeetingChannel channel, StreamEvent event) {
		Subscriber.Outgoing outgoing = Subscriber.Outgoing.of(event);
		for (Subscriber subscriber : channel.subscribers) {
			subscriber.offer(outgoing);
		}
		channel.lastSeq = event.seq();
		log.info("Delivered {} {} of meeting {} to {} subscribers", event.name(), event.seq(), event.meetingId(),
				channel.subscribers.size());
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Ends every open stream, so that shutting down does not wait for them. */
	@Override
	public void stop() {
		this.running = false;
		this.channels.values().forEach((channel) -> channel.subscribers.forEach(Subscriber::end));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static final class MeetingChannel {

		private final UUID meetingId;

		private final ReentrantLock lock = new ReentrantLock();

		private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

		private volatile long lastSeq;

		private boolean primed;

		private boolean retired;

		MeetingChannel(UUID meetingId) {
			this.meetingId = meetingId;
		}

	}

}
