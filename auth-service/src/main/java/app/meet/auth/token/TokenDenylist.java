package app.meet.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Access tokens revoked before they expire (by logout), by {@code jti}, in Redis so that
 * the gateway refuses them on every instance. Each entry lives exactly as long as its
 * token would.
 */
@Component
class TokenDenylist {

	/** Shared with the gateway, which checks every token against it. */
	static final String KEY_PREFIX = "meet:token-denylist:";

	private final StringRedisTemplate redis;

	private final Clock clock;

	TokenDenylist(StringRedisTemplate redis, Clock clock) {
		this.redis = redis;
		this.clock = clock;
	}

	void deny(String tokenId, Instant expiresAt) {
		Duration remaining = Duration.between(this.clock.instant(), expiresAt);
		if (!remaining.isNegative() && !remaining.isZero()) {
			this.redis.opsForValue().set(KEY_PREFIX + tokenId, "1", remaining.plusSeconds(30));
		}
	}

}
