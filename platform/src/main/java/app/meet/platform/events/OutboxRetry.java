package app.meet.platform.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Resubmits publications that are still incomplete a while after they were made, when
 * this instance's outbox has nothing in flight: those of a send given up at a stop, or of
 * another instance that stopped. The ones left incomplete by this instance's last stop
 * are resubmitted at its start, before anything new
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}), so that each
 * aggregate's events keep their order over a restart.
 */
class OutboxRetry implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(OutboxRetry.class);

	private static final Duration MIN_AGE = Duration.ofSeconds(10);

	private final IncompleteEventPublications publications;

	private final ExternalizationQueue queue;

	private final Duration interval;

	OutboxRetry(IncompleteEventPublications publications, ExternalizationQueue queue, Duration interval) {
		this.publications = publications;
		this.queue = queue;
		this.interval = interval;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(new FixedDelayTask(this::resubmit, this.interval, this.interval));
	}

	void resubmit() {
		if (!this.queue.idle()) {
			return;
		}
		try {
			this.publications.resubmitIncompletePublicationsOlderThan(MIN_AGE);
		}
		catch (RuntimeException ex) {
			log.warn("Resubmitting unpublished events failed; will try again: {}", ex.getMessage());
		}
	}

}
