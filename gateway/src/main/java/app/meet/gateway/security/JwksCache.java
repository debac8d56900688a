package app.meet.gateway.security;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * auth-service's public keys, for verifying tokens at the gateway. Fetched once and kept
 * for {@link #MAX_AGE}; a token naming a key id the set does not hold makes the gateway
 * fetch it again, but at most once per {@link #REFETCH_INTERVAL} (once a second while
 * fetching fails), so a flood of tokens with made-up key ids costs one fetch rather than
 * one each. auth-service publishes a new key longer than that before it signs with it, so
 * a real new key is always known in time.
 */
final class JwksCache implements Function<SignedJWT, Flux<JWK>> {

	/** Shorter than auth-service's publication lead for new keys. */
	static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);

	/** As long as auth-service lets the key set be cached. */
	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

	private final WebClient client;

	private final URI uri;

	private final Clock clock;

	private volatile Fetched fetched = new Fetched(new JWKSet(), Instant.EPOCH);

	private Mono<Fetched> inFlight;

	/** When a fetch may start again. */
	private Instant nextFetch = Instant.EPOCH;

	JwksCache(WebClient client, URI uri, Clock clock) {
		this.client = client;
		this.uri = uri;
		this.clock = clock;
	}

	@Override
	public Flux<JWK> apply(SignedJWT token) {
		JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader()));
		Fetched current = this.fetched;
		List<JWK> keys = selector.select(current.keys());
		boolean due = keys.isEmpty() || this.clock.instant().isAfter(current.at().plus(MAX_AGE));
		Mono<Fetched> fetch = due ? fetchIfAllowed() : null;
		if (fetch == null) {
			return Flux.fromIterable(keys);
		}
		return fetch.map((fresh) -> selector.select(fresh.keys()))
			.onErrorResume((failure) -> Mono.just(keys))
			.flatMapIterable(Function.identity());
	}

	/**
	 * The fetch under way or a new one, unless one ended too recently; whoever asks
	 * meanwhile waits for the same one.
	 */
	private synchronized Mono<Fetched> fetchIfAllowed() {
		if (this.inFlight == null) {
			Instant now = this.clock.instant();
			if (now.isBefore(this.nextFetch)) {
				return null;
			}
			this.nextFetch = now.plus(RETRY_INTERVAL);
			this.inFlight = this.client.get()
				.uri(this.uri)
				.retrieve()
				.bodyToMono(String.class)
				.map(this::parse)
				.doOnNext(this::fetched)
				.doFinally((signal) -> fetchEnded())
				.cache();
		}
		return this.inFlight;
	}

	private synchronized void fetched(Fetched fresh) {
		this.fetched = fresh;
		this.nextFetch = fresh.at().plus(REFETCH_INTERVAL);
	}

	private synchronized void fetchEnded() {
		this.inFlight = null;
	}

	private Fetched parse(String body) {
		try {
			return new Fetched(JWKSet.parse(body), this.clock.instant());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("auth-service's key set is unreadable", ex);
		}
	}

	private record Fetched(JWKSet keys, Instant at) {
	}

}
