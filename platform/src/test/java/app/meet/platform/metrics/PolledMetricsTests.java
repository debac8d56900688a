package app.meet.platform.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PolledMetricsTests {

	@Test
	void pollsUntilStoppedAndAgainOnceStartedAgain() {
		Counting metrics = new Counting(false);
		metrics.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> metrics.polls.get() >= 2);
		metrics.stop();
		assertThat(metrics.isRunning()).isFalse();
		int whenStopped = metrics.polls.get();

		metrics.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> metrics.polls.get() > whenStopped + 1);
		assertThat(metrics.isRunning()).isTrue();
		metrics.stop();
	}

	@Test
	void aValueThatCannotBeReadIsMarkedUnreadableAndPollingGoesOn() {
		Counting metrics = new Counting(true);
		metrics.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> metrics.unreadable.get() >= 2);
		metrics.stop();
	}

	private static final class Counting extends PolledMetrics {

		private final AtomicInteger polls = new AtomicInteger();

		private final AtomicInteger unreadable = new AtomicInteger();

		private final boolean failing;

		Counting(boolean failing) {
			super("counting-metrics", Duration.ofMillis(20));
			this.failing = failing;
		}

		@Override
		protected void poll() {
			this.polls.incrementAndGet();
			if (this.failing) {
				throw new IllegalStateException("the server is away");
			}
		}

		@Override
		protected void unreadable() {
			this.unreadable.incrementAndGet();
		}

	}

}
