package app.meet.gateway.routing;

import java.net.URI;

import reactor.core.publisher.Mono;

import app.meet.gateway.forwarding.ForwardedHeaders;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Before a WebSocket upgrade on a route with {@code upgrade-check} metadata, asks the
 * chosen instance (the same request without the upgrade) whether it would accept it. The
 * gateway answers the client's upgrade before it connects upstream, so without this a
 * user the service refuses (unknown meeting, removed) would get a socket that closes at
 * once instead of the service's status and problem+json. A route without the metadata
 * carries no WebSockets: an upgrade there is refused with 400 rather than answered with a
 * socket that closes at once.
 */
@Component
class UpgradeCheckFilter implements GlobalFilter, Ordered {

	static final String METADATA_KEY = "upgrade-check";

	private final WebClient client;

	private final ForwardedHeaders forwardedHeaders;

	UpgradeCheckFilter(WebClient.Builder builder, ForwardedHeaders forwardedHeaders) {
		this.client = builder.build();
		this.forwardedHeaders = forwardedHeaders;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (route == null || target == null || !"websocket".equalsIgnoreCase(headers.getUpgrade())) {
			return chain.filter(exchange);
		}
		if (!Boolean.parseBoolean(String.valueOf(route.getMetadata().get(METADATA_KEY)))) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"WebSocket connections are accepted only on /ws"));
		}
		String scheme = switch (target.getScheme()) {
			case "ws" -> "http";
			case "wss" -> "https";
			default -> target.getScheme();
		};
		URI check = UriComponentsBuilder.fromUri(target).scheme(scheme).build(true).toUri();
		return this.client.get().uri(check).headers((outgoing) -> {
			copy(headers, outgoing, HttpHeaders.AUTHORIZATION);
			copy(headers, outgoing, "X-Request-ID");
			this.forwardedHeaders.addTo(outgoing, exchange);
		}).exchangeToMono((answer) -> {
			if (answer.statusCode().is2xxSuccessful()) {
				return answer.releaseBody().then(chain.filter(exchange));
			}
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(answer.statusCode());
			answer.headers().contentType().ifPresent(response.getHeaders()::setContentType);
			return response.writeWith(answer.bodyToFlux(DataBuffer.class));
		});
	}

	private static void copy(HttpHeaders from, HttpHeaders to, String name) {
		String value = from.getFirst(name);
		if (value != null) {
			to.set(name, value);
		}
	}

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

}
