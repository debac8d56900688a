package app.meet.gateway.limits;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import app.meet.gateway.forwarding.ForwardedHeaders;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.stereotype.Component;
import org.springframework.core.Ordered;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Fixed one-minute windows per client address and, once the token is checked, per user.
 * Over the limit the answer is 429 problem+json with {@code Retry-After} until the window
 * ends.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

	private static final String PREFIX = "meet:rate:";

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final ReactiveStringRedisTemplate redis;

	private final RateLimitProperties limits;

	RateLimitFilter(ReactiveStringRedisTemplate redis, RateLimitProperties limits) {
		this.redis = redis;
		this.limits = limits;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (!path.startsWith("/api/") && !path.equals("/ws") && !path.startsWith("/.well-known/")) {
			return chain.filter(exchange);
		}
		long window = Instant.now().getEpochSecond() / WINDOW.toSeconds();
		String address = ForwardedHeaders.clientAddress(exchange.getRequest());
		return count(PREFIX + "address:" + address + ":" + window, this.limits.perAddress())
			.then(exchange.getPrincipal()
				.flatMap((principal) -> count(PREFIX + "user:" + principal.getName() + ":" + window,
						this.limits.perUser())))
			.then(chain.filter(exchange));
	}

	private Mono<Void> count(String key, int limit) {
		return this.redis.opsForValue().increment(key).flatMap((count) -> {
			Mono<Boolean> expiry = (count == 1) ? this.redis.expire(key, WINDOW.plusSeconds(5)) : Mono.just(true);
			return expiry.then((count > limit) ? Mono.error(tooManyRequests()) : Mono.empty());
		});
	}

	private static ResponseStatusException tooManyRequests() {
		long secondsLeft = WINDOW.toSeconds() - (Instant.now().getEpochSecond() % WINDOW.toSeconds());
		ResponseStatusException exception = new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests; slow down") {

			@Override
			public HttpHeaders getHeaders() {
				HttpHeaders headers = new HttpHeaders();
				headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, secondsLeft)));
				return headers;
			}

		};
		return exception;
	}

	/** After authentication, so the user is known; before routing. */
	@Override
	public int getOrder() {
		return SecurityWebFiltersOrder.AUTHORIZATION.getOrder() + 1;
	}

}
