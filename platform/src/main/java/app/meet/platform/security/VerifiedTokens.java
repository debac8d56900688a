package app.meet.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Access tokens that passed every check, kept until they expire. A client sends the same
 * token with each request for its whole lifetime, and checking an ES256 signature is the
 * costliest step of most requests. Keyed by the whole token, so only the exact text
 * verified before is accepted again; what is not kept is verified as usual.
 */
public final class VerifiedTokens {

	private final Cache<String, Jwt> tokens;

	public VerifiedTokens(long maximumSize, Clock clock) {
		this.tokens = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> remainingLifetime(jwt, clock.instant())))
			.build();
	}

	/** A {@link JwtDecoder} that verifies only the tokens it has not verified before. */
	public JwtDecoder caching(JwtDecoder verifier) {
		return (token) -> this.tokens.get(token, verifier::decode);
	}

	/** The token, when it was verified before and has not expired since. */
	public Jwt find(String token) {
		return this.tokens.getIfPresent(token);
	}

	/** Keeps a token that has just passed every check. */
	public void remember(String token, Jwt jwt) {
		this.tokens.put(token, jwt);
	}

	private static Duration remainingLifetime(Jwt jwt, Instant now) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null || !expiresAt.isAfter(now)) {
			return Duration.ZERO;
		}
		return Duration.between(now, expiresAt);
	}

}
