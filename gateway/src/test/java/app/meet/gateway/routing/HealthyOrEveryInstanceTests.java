package app.meet.gateway.routing;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

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
	void healthyInstancesWhenSomeAnswer() {
		HealthyOrEveryInstance instances = new HealthyOrEveryInstance(supplier(Flux.just(List.of(SECOND))), this.every);

		assertThat(instances.get().blockFirst()).containsExactly(SECOND);
	}

	@Test
	void everyInstanceWhenNoneAnswers() {
		HealthyOrEveryInstance instances = new HealthyOrEveryInstance(supplier(Flux.just(List.of())), this.every);

		assertThat(instances.get().blockFirst()).containsExactly(FIRST, SECOND);
	}

	@Test
	void followsTheHealthChecksAsTheyChange() {
		HealthyOrEveryInstance instances = new HealthyOrEveryInstance(
				supplier(Flux.just(List.of(FIRST), List.of(), List.of(SECOND))), this.every);

		assertThat(instances.get().collectList().block()).containsExactly(List.of(FIRST), List.of(FIRST, SECOND),
				List.of(SECOND));
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
