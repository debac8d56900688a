package app.meet.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class HealthyOrEveryInstanceTests {

	private static final ServiceInstance FIRST = new DefaultServiceInstance("chat-service-0", "chat-service",
			"127.0.0.1", 8083, false);

	private static final ServiceInstance SECOND = new DefaultServiceInstance("chat-service-1", "chat-service",
			"127.0.0.1", 8183, false);

	private final ServiceInstanceListSupplier every = supplier(Flux.just(List.of(FIRST, SECOND)));

	@Test
	void healthyInstancesWhenSomeAnswer() throws Exception {
		HealthyOrEveryInstance instances = following(supplier(Flux.just(List.of(SECOND))));

		assertThat(instances.get().blockFirst()).containsExactly(SECOND);
	}

	@Test
	void everyInstanceWhenNoneAnswers() throws Exception {
		HealthyOrEveryInstance instances = following(supplier(Flux.just(List.of())));

		assertThat(instances.get().blockFirst()).containsExactly(FIRST, SECOND);
	}

	@Test
	void followsTheHealthChecksAsTheyChange() throws Exception {
		Sinks.Many<List<ServiceInstance>> checks = Sinks.many().multicast().directBestEffort();
		HealthyOrEveryInstance instances = following(supplier(checks.asFlux()));
		List<List<ServiceInstance>> seen = new CopyOnWriteArrayList<>();
		instances.get().subscribe(seen::add);

		checks.tryEmitNext(List.of(FIRST));
		checks.tryEmitNext(List.of());
		checks.tryEmitNext(List.of(SECOND));
		instances.destroy();

		assertThat(seen).containsExactly(List.of(FIRST), List.of(FIRST, SECOND), List.of(SECOND));
	}

	/**
	 * The health checks' own flux is replayed and reference-counted; the balancer takes
	 * the first list of it for every request.
	 */
	@Test
	void theHealthChecksStopWhenDestroyedAfterServingChoices() throws Exception {
		AtomicBoolean checking = new AtomicBoolean();
		Flux<List<ServiceInstance>> checks = Flux.interval(Duration.ofMillis(5))
			.map((tick) -> List.of(FIRST))
			.doOnSubscribe((subscription) -> checking.set(true))
			.doOnCancel(() -> checking.set(false))
			.replay(1)
			.refCount(1);
		HealthyOrEveryInstance instances = following(supplier(checks));
		for (int choice = 0; choice < 3; choice++) {
			assertThat(instances.get().next().block()).containsExactly(FIRST);
		}
		assertThat(checking).isTrue();

		instances.destroy();

		assertThat(checking).isFalse();
	}

	private HealthyOrEveryInstance following(ServiceInstanceListSupplier healthChecked) throws Exception {
		HealthyOrEveryInstance instances = new HealthyOrEveryInstance(healthChecked, this.every);
		instances.afterPropertiesSet();
		return instances;
	}

	private static ServiceInstanceListSupplier supplier(Flux<List<ServiceInstance>> lists) {
		return new ServiceInstanceListSupplier() {

			@Override
			public String getServiceId() {
				return "chat-service";
			}

			@Override
			public Flux<List<ServiceInstance>> get() {
				return lists;
			}

		};
	}

}
