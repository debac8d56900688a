package app.meet.gateway.web;

import reactor.core.publisher.Mono;

import app.meet.platform.web.RequestIds;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request its {@code X-Request-ID} before anything else runs: forwarded to
 * the service that handles it and returned to the client, errors included.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdWebFilter implements WebFilter {

	static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".requestId";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		ServerWebExchange stamped = exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.set(RequestIds.HEADER, requestId)))
			.build();
		stamped.getAttributes().put(ATTRIBUTE, requestId);
		// set just before the response is written, replacing the copy a proxied service
		// echoes
		stamped.getResponse().beforeCommit(() -> {
			stamped.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
			return Mono.empty();
		});
		return chain.filter(stamped);
	}

	static String requestId(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

}
