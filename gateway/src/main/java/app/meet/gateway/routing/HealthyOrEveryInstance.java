package app.meet.gateway.routing;

import java.util.List;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The instances whose readiness probe answers, or every instance when none does. A
 * machine under heavy load can miss every probe's deadline at once; refusing all traffic
 * then turns slowness into an outage, so the balancer tries them all instead (the "panic
 * mode" of proxies such as Envoy). A stopped instance still drops out as soon as another
 * one answers its probe.
 * <p>
 * It follows the health checks with a single subscription of its own, ended when it is
 * destroyed. Subscribing to them for every balancer choice would keep them running for
 * good, even after shutdown: their {@code replay(1).refCount(1)} (Reactor 3.8) never
 * counts off a subscriber that cancels while it is handed the replayed list on
 * subscribing, as a choice taking the first list does.
 */
class HealthyOrEveryInstance extends DelegatingServiceInstanceListSupplier {

	private final ServiceInstanceListSupplier every;

	private final Sinks.Many<List<ServiceInstance>> latestHealthy = Sinks.many().replay().latest();

	private volatile Disposable following;

	HealthyOrEveryInstance(ServiceInstanceListSupplier healthChecked, ServiceInstanceListSupplier every) {
		super(healthChecked);
		this.every = every;
	}

	@Override
	public void afterPropertiesSet() throws Exception {
		super.afterPropertiesSet();
		this.following = getDelegate().get().subscribe(this.latestHealthy::tryEmitNext);
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.latestHealthy.asFlux()
			.concatMap((healthy) -> healthy.isEmpty() ? this.every.get().take(1) : Flux.just(healthy));
	}

	@Override
	public void destroy() throws Exception {
		Disposable subscription = this.following;
		if (subscription != null) {
			subscription.dispose();
		}
		this.latestHealthy.tryEmitComplete();
		super.destroy();
	}

}
