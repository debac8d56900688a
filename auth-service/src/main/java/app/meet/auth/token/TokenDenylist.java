package app.meet.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import app.meet.auth.config.AuthProperties;
import app.meet.platform.security.RevokedTokens;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Access tokens revoked before they expire, in Redis (see {@link RevokedTokens}): one
 * token by its id, or every token of a login by its session id. Each entry lives as long
 * as the tokens it revokes could (plus the validators' clock skew).
 */
@Component
class TokenDenylist {

	/** The clock skew the validators allow past a token's expiry, and a little more. */
	private static final Duration SKEW = Duration.ofSeconds(60);

	private final StringRedisTemplate redis;

	private final AuthProperties properties;

	private final Clock clock;

	TokenDenylist(StringRedisTemplate redis, AuthProperties properties, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
	}

	/** Refuses one token from now on. */
	void deny(String tokenId, Instant expiresAt) {
		Duration remaining = Duration.between(this.clock.instant(), expiresAt);
		if (remaining.isPositive()) {
			this.redis.opsForValue().set(RevokedTokens.TOKEN_PREFIX + tokenId, "1", remaining.plus(SKEW));
		}
	}

	/**
	 * Refuses every access token of the login from now on: the longest any of them can
	 * live is one access-token lifetime.
	 */
	void endSession(UUID sessionId) {
		this.redis.opsForValue()
			.set(RevokedTokens.SESSION_PREFIX + sessionId, "1", this.properties.accessTokenTtl().plus(SKEW));
	}

}
