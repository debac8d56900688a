package app.meet.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Access tokens revoked before they expire, in Redis: one token by its id (its
 * {@code jti}), or every token of a login by its session id (its {@code sid}).
 * auth-service writes the entries (logout, a spent refresh token presented again); the
 * gateway and every service check each request against them, and the long-lived
 * connections (signaling sockets, event streams) every few seconds.
 */
public class RevokedTokens {

	/** One revoked token, by its id; the entry lives as long as the token would. */
	public static final String TOKEN_PREFIX = "meet:token-denylist:";

	/**
	 * A revoked login, by its session id; the entry lives as long as the longest access
	 * token the login may still hold.
	 */
	public static final String SESSION_PREFIX = "meet:session-denylist:";

	private final StringRedisTemplate redis;

	public RevokedTokens(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Whether the token, or its login, was revoked. */
	public boolean isRevoked(Jwt token) {
		Long revoked = this.redis.countExistingKeys(keys(token));
		return revoked != null && revoked > 0;
	}

	/** Those of the tokens that were revoked, asked in one round trip. */
	public Set<Jwt> revokedAmong(Collection<Jwt> tokens) {
		List<String> keys = new ArrayList<>();
		List<Jwt> owners = new ArrayList<>();
		for (Jwt token : new HashSet<>(tokens)) {
			for (String key : keys(token)) {
				keys.add(key);
				owners.add(token);
			}
		}
		if (keys.isEmpty()) {
			return Set.of();
		}
		List<String> entries = Objects.requireNonNullElse(this.redis.opsForValue().multiGet(keys), List.of());
		Set<Jwt> revoked = new HashSet<>();
		for (int index = 0; index < entries.size(); index++) {
			if (entries.get(index) != null) {
				revoked.add(owners.get(index));
			}
		}
		return Set.copyOf(revoked);
	}

	/** The entries whose presence means the token is revoked. */
	public static List<String> keys(Jwt token) {
		List<String> keys = new ArrayList<>(2);
		keys.add(TOKEN_PREFIX + token.getId());
		String session = token.getClaimAsString(AccessTokens.SESSION_CLAIM);
		if (session != null) {
			keys.add(SESSION_PREFIX + session);
		}
		return keys;
	}

}
