package app.meet.gateway.routing;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The instances whose readiness probe answers, or every instance when none does. A
 * machine under heavy load can miss every probe's deadline at once; refusing all traffic
 * then turns slowness into an outage, so the balancer tries them all instead (the "panic
 * mode" of proxies such as Envoy). A stopped instance still drops out as soon as another
 * one answers its probe.
 */
class HealthyOrEveryInstance extends DelegatingServiceInstanceListSupplier {

	private final ServiceInstanceListSupplier every;

	HealthyOrEveryInstance(ServiceInstanceListSupplier healthChecked, ServiceInstanceListSupplier every) {
		super(healthChecked);
		this.every = every;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return getDelegate().get()
			.concatMap((healthy) -> healthy.isEmpty() ? this.every.get().take(1) : Flux.just(healthy));
	}

}
