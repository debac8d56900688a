package app.meet.platform.events;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerErrorsBackOffTests {

	@Test
	void retriesForeverAndNeverWaitsLongerThanFiveSeconds() {
		BackOffExecution execution = ConsumerErrorsAutoConfiguration.backOff().start();
		List<Long> waits = new ArrayList<>();
		for (int attempt = 0; attempt < 1000; attempt++) {
			waits.add(execution.nextBackOff());
		}

		assertThat(waits).startsWith(1000L, 2000L, 4000L, 5000L)
			.doesNotContain(BackOffExecution.STOP)
			.allSatisfy((wait) -> assertThat(wait).isBetween(1000L, 5000L));
	}

}
