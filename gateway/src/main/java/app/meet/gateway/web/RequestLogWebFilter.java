package app.meet.gateway.web;

import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import app.meet.platform.web.RequestIds;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * One line per request once it is answered (a socket once it closes), with its trace and
 * request ids, and without its query, which may hold a token.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestLogWebFilter implements WebFilter {

	private static final Logger log = LoggerFactory.getLogger(RequestLogWebFilter.class);

	private static final String TRACE_ID = "traceId";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long started = System.nanoTime();
		return chain.filter(exchange).doFinally((signal) -> {
			try (MDC.MDCCloseable traceId = MDC.putCloseable(TRACE_ID, traceId(exchange));
					MDC.MDCCloseable requestId = MDC.putCloseable(RequestIds.MDC_KEY,
							RequestIdWebFilter.requestId(exchange))) {
				HttpStatusCode status = exchange.getResponse().getStatusCode();
				log.info("{} {} {} in {} ms", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
						(status != null) ? status.value() : "-", (System.nanoTime() - started) / 1_000_000);
			}
		});
	}

	private static String traceId(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((observation) -> observation.<TracingObservationHandler.TracingContext>get(
					TracingObservationHandler.TracingContext.class))
			.map(TracingObservationHandler.TracingContext::getSpan)
			.map((span) -> span.context().traceId())
			.orElse("");
	}

}
