package app.meet.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import app.meet.gateway.routing.ServiceRegistryProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Asks every instance of every routed service whether it is ready. A service is ready
 * when at least one of its instances is; the stack is ready when the gateway and every
 * service are.
 */
@Component
class StackReadiness {

	static final String GATEWAY = "gateway";

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private static final String READINESS_PATH = "/actuator/health/readiness";

	private final ServiceRegistryProperties registry;

	private final ApplicationAvailability availability;

	private final WebClient client;

	/** The services' management port, where it is not their service port (containers). */
	private final Integer managementPort;

	StackReadiness(ServiceRegistryProperties registry, ApplicationAvailability availability, WebClient.Builder builder,
			@Value("${spring.cloud.loadbalancer.health-check.port:#{null}}") Integer managementPort) {
		this.registry = registry;
		this.availability = availability;
		this.client = builder.build();
		this.managementPort = managementPort;
	}

	/** Readiness by component name: the gateway itself and each service. */
	Mono<Map<String, Boolean>> check() {
		return Flux.fromIterable(this.registry.services().entrySet())
			.flatMap((service) -> anyInstanceReady(service.getValue())
				.map((ready) -> Map.entry(service.getKey(), ready)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
			.map((services) -> {
				Map<String, Boolean> components = new TreeMap<>(services);
				components.put(GATEWAY, this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
				return components;
			});
	}

	private Mono<Boolean> anyInstanceReady(List<URI> instances) {
		return Flux.fromIterable(instances).flatMap(this::isReady).any(Boolean::booleanValue);
	}

	private Mono<Boolean> isReady(URI instance) {
		return this.client.get()
			.uri(UriComponentsBuilder.fromUri(instance)
				.port((this.managementPort != null) ? this.managementPort : instance.getPort())
				.replacePath(READINESS_PATH)
				.build()
				.toUri())
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
			.timeout(PROBE_TIMEOUT)
			.onErrorReturn(false);
	}

}
