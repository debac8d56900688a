package app.meet.gateway.routing;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.stereotype.Component;

/**
 * Serves the instances listed in {@link ServiceRegistryProperties} to the load balancer.
 */
@Component
class ConfiguredServicesDiscoveryClient implements ReactiveDiscoveryClient {

	private final ServiceRegistryProperties properties;

	ConfiguredServicesDiscoveryClient(ServiceRegistryProperties properties) {
		this.properties = properties;
	}

	@Override
	public String description() {
		return "Service instances from meet.gateway.services";
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		List<URI> uris = this.properties.services().getOrDefault(serviceId, List.of());
		return Flux.range(0, uris.size()).map((index) -> instance(serviceId, index, uris.get(index)));
	}

	private static ServiceInstance instance(String serviceId, int index, URI uri) {
		return new DefaultServiceInstance(serviceId + "-" + index, serviceId, uri.getHost(), uri.getPort(),
				"https".equals(uri.getScheme()));
	}

	@Override
	public Flux<String> getServices() {
		return Flux.fromIterable(this.properties.services().keySet());
	}

}
