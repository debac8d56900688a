package app.meet.gateway.web;

import io.micrometer.common.KeyValue;
import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import app.meet.platform.web.RequestIds;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request its {@code X-Request-ID} before anything else runs: forwarded to
 * the service that handles it and returned to the client, errors included. The id tags
 * the request's span, and is in the log context of whatever handles the request on any
 * thread (Reactor's automatic context propagation restores it from the subscriber
 * context).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdWebFilter implements WebFilter {

	static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".requestId";

	RequestIdWebFilter() {
		ContextRegistry.getInstance()
			.registerThreadLocalAccessor(RequestIds.MDC_KEY, () -> MDC.get(RequestIds.MDC_KEY),
					(requestId) -> MDC.put(RequestIds.MDC_KEY, requestId), () -> MDC.remove(RequestIds.MDC_KEY));
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		ServerWebExchange stamped = exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.set(RequestIds.HEADER, requestId)))
			.build();
		stamped.getAttributes().put(ATTRIBUTE, requestId);
		ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.ifPresent((observation) -> observation
				.addHighCardinalityKeyValue(KeyValue.of(RequestIds.MDC_KEY, requestId)));
		// set just before the response is written, replacing the copy a proxied service
		// echoes
		stamped.getResponse().beforeCommit(() -> {
			stamped.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
			return Mono.empty();
		});
		return chain.filter(stamped).contextWrite(Context.of(RequestIds.MDC_KEY, requestId));
	}

	static String requestId(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

}
