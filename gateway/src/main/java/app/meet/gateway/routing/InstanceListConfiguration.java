package app.meet.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The instance list of every load-balanced service, in each service's own balancer
 * context (hence not a scanned {@code @Configuration}): health-checked against
 * {@code spring.cloud.loadbalancer.health-check}, every instance when none is healthy.
 */
class InstanceListConfiguration {

	@Bean
	ServiceInstanceListSupplier healthyOrEveryInstance(ConfigurableApplicationContext context) {
		ServiceInstanceListSupplier healthChecked = ServiceInstanceListSupplier.builder()
			.withDiscoveryClient()
			.withHealthChecks()
			.build(context);
		ServiceInstanceListSupplier every = ServiceInstanceListSupplier.builder().withDiscoveryClient().build(context);
		return new HealthyOrEveryInstance(healthChecked, every);
	}

}
