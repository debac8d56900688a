package app.meet.auth.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counters in Redis, shared by every instance, each over a window that starts with its
 * first count. A count and its expiry are set by one script, so no counter is ever left
 * without an expiry (which would block an address or an account for good).
 */
@Component
public class RedisCounters {

	private static final RedisScript<List> INCREMENT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
				redis.call('PEXPIRE', KEYS[1], ARGV[1])
			end
			return {count, redis.call('PTTL', KEYS[1])}
			""", List.class);

	private final StringRedisTemplate redis;

	RedisCounters(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Adds one to the counter, starting its window if it has none. */
	public Count increment(String key, Duration window) {
		List<?> reply = this.redis.execute(INCREMENT, List.of(key), Long.toString(window.toMillis()));
		return new Count(((Number) reply.get(0)).longValue(), Duration.ofMillis(((Number) reply.get(1)).longValue()));
	}

	/** The counter as it is; zero when it has no count. */
	public Count get(String key) {
		String value = this.redis.opsForValue().get(key);
		if (value == null) {
			return Count.NONE;
		}
		Long remaining = this.redis.getExpire(key, TimeUnit.MILLISECONDS);
		return new Count(Long.parseLong(value), Duration.ofMillis((remaining != null) ? Math.max(remaining, 0) : 0));
	}

	public void reset(String key) {
		this.redis.delete(key);
	}

	/**
	 * A short, fixed-length stand-in for a value that must not be stored as it is (an
	 * address, an account name).
	 */
	public static String digest(String value) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param value how many were counted in the window
	 * @param remaining how long until the window ends
	 */
	public record Count(long value, Duration remaining) {

		static final Count NONE = new Count(0, Duration.ZERO);

		/** Whole seconds until the window ends, at least one: a Retry-After. */
		public Duration retryAfter() {
			return Duration.ofSeconds(Math.max(1, (this.remaining.toMillis() + 999) / 1000));
		}

	}

}
