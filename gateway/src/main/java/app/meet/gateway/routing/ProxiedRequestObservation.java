package app.meet.gateway.routing;

import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.stereotype.Component;

/**
 * Names the observation of each proxied request apart from WebClient's: both default to
 * {@code http.client.requests} with different tags, and Prometheus refuses whichever
 * registers second, here the proxied requests' (the readiness probes' register first).
 */
@Component
class ProxiedRequestObservation extends DefaultGatewayObservationConvention {

	@Override
	public String getName() {
		return "spring.cloud.gateway.http.client.requests";
	}

}
