package app.meet.platform.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose values are read from a database or a broker every few seconds, on a thread
 * of their own: a scrape costs no query, and a slow server holds up nothing else (not the
 * scheduler the outbox and the streams share). A value that cannot be read is NaN until
 * it can again.
 */
public abstract class PolledMetrics implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PolledMetrics.class);

	private final String name;

	private final Duration every;

	private volatile ScheduledExecutorService poller;

	protected PolledMetrics(String name, Duration every) {
		this.name = name;
		this.every = every;
	}

	/** Reads the values; an exception sets them to NaN ({@link #unreadable}). */
	protected abstract void poll() throws Exception;

	/** Sets every value to NaN. */
	protected abstract void unreadable();

	private void pollOnce() {
		try {
			poll();
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			unreadable();
			log.debug("{} could not be read: {}", getClass().getSimpleName(), ex.toString());
		}
	}

	/** Starts polling; again after a stop (a paused context is started again). */
	@Override
	public void start() {
		this.poller = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(this.name).daemon().factory());
		this.poller.scheduleWithFixedDelay(this::pollOnce, 0, this.every.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.poller.shutdownNow();
		this.poller = null;
	}

	@Override
	public boolean isRunning() {
		return this.poller != null;
	}

}
