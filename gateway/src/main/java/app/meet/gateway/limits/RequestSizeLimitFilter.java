package app.meet.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Refuses a body larger than its route's {@code max-request-size} (route metadata) with
 * 413: at once when its {@code Content-Length} says so, and as soon as the bytes that
 * arrived pass the limit when it is sent without one (chunked), so a lying or missing
 * length does not get a larger body through. Services enforce their own limits as well.
 */
@Component
class RequestSizeLimitFilter implements GlobalFilter, Ordered {

	static final String METADATA_KEY = "max-request-size";

	private static final DataSize DEFAULT_LIMIT = DataSize.ofMegabytes(1);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		Object configured = (route != null) ? route.getMetadata().get(METADATA_KEY) : null;
		DataSize limit = (configured != null) ? DataSize.parse(configured.toString()) : DEFAULT_LIMIT;
		if (request.getHeaders().getContentLength() > limit.toBytes()) {
			return Mono.error(tooLarge(limit));
		}
		return chain.filter(exchange.mutate().request(new LimitedBody(request, limit)).build());
	}

	private static ResponseStatusException tooLarge(DataSize limit) {
		return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + readable(limit) + " for this path");
	}

	private static String readable(DataSize size) {
		return (size.toBytes() % (1024 * 1024) == 0) ? size.toMegabytes() + " MiB"
				: (size.toBytes() % 1024 == 0) ? size.toKilobytes() + " KiB" : size.toBytes() + " bytes";
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	/** A request body that fails with 413 once more than the limit has arrived. */
	private static final class LimitedBody extends ServerHttpRequestDecorator {

		private final DataSize limit;

		LimitedBody(ServerHttpRequest request, DataSize limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong received = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (received.addAndGet(buffer.readableByteCount()) > this.limit.toBytes()) {
					DataBufferUtils.release(buffer);
					sink.error(tooLarge(this.limit));
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

}
