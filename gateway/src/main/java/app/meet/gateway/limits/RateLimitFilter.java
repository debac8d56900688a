package app.meet.gateway.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import app.meet.gateway.forwarding.TrustedProxies;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.stereotype.Component;
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

	private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

	/** Increments a counter and gives it its expiry if it has none; answers the count. */
	private static final RedisScript<Long> COUNT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			if redis.call('PTTL', KEYS[1]) < 0 then
				redis.call('PEXPIRE', KEYS[1], ARGV[1])
			end
			return count
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final RateLimitProperties limits;

	private final TrustedProxies trustedProxies;

	private final Counter refusedByAddress;

	private final Counter refusedByUser;

	RateLimitFilter(ReactiveStringRedisTemplate redis, RateLimitProperties limits, TrustedProxies trustedProxies,
			MeterRegistry meters) {
		this.redis = redis;
		this.trustedProxies = trustedProxies;
		this.limits = limits;
		this.refusedByAddress = refusals(meters, "address");
		this.refusedByUser = refusals(meters, "user");
	}

	private static Counter refusals(MeterRegistry meters, String limit) {
		return Counter.builder("meet.gateway.rate.limited")
			.tag("limit", limit)
			.description("Requests refused with 429 for going over the rate limit")
			.register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (!path.startsWith("/api/") && !path.equals("/ws") && !path.startsWith("/.well-known/")) {
			return chain.filter(exchange);
		}
		long window = Instant.now().getEpochSecond() / WINDOW.toSeconds();
		String address = this.trustedProxies.clientAddress(exchange.getRequest());
		return count(PREFIX + "address:" + address + ":" + window, this.limits.perAddress(), this.refusedByAddress)
			.then(exchange.getPrincipal()
				.flatMap((principal) -> count(PREFIX + "user:" + principal.getName() + ":" + window,
						this.limits.perUser(), this.refusedByUser)))
			.then(chain.filter(exchange));
	}

	/**
	 * Counts the request in one atomic step (the count and its expiry together, so no key
	 * outlives its window). While Redis cannot be reached the limit fails open: a request
	 * is not refused for want of a counter.
	 */
	private Mono<Void> count(String key, int limit, Counter refused) {
		return this.redis.execute(COUNT, List.of(key), List.of(Long.toString(WINDOW.plusSeconds(5).toMillis())))
			.next()
			.onErrorResume(DataAccessException.class, (unreachable) -> {
				log.warn("Rate limit not counted, Redis unreachable: {}", unreachable.getMessage());
				return Mono.empty();
			})
			.flatMap((count) -> {
				if (count <= limit) {
					return Mono.empty();
				}
				refused.increment();
				return Mono.error(tooManyRequests());
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
