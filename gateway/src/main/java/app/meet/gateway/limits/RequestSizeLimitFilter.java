package app.meet.gateway.limits;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Refuses a body larger than its route's {@code max-request-size} (route metadata) with
 * 413 before it is forwarded; services enforce their own limits on streamed bodies as
 * well.
 */
@Component
class RequestSizeLimitFilter implements GlobalFilter, Ordered {

	static final String METADATA_KEY = "max-request-size";

	private static final DataSize DEFAULT_LIMIT = DataSize.ofMegabytes(1);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		Object configured = (route != null) ? route.getMetadata().get(METADATA_KEY) : null;
		DataSize limit = (configured != null) ? DataSize.parse(configured.toString()) : DEFAULT_LIMIT;
		if (length > limit.toBytes()) {
			return Mono.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than " + limit.toMegabytes() + " MB"));
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
