package app.meet.auth.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import app.meet.auth.config.AuthProperties;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account name and per client address in Redis, so the limit
 * holds across instances. Account names are counted whether or not they exist, so the
 * throttle tells nothing about which accounts do.
 */
@Component
class LoginThrottle {

	private static final String PREFIX = "meet:login-failures:";

	private final StringRedisTemplate redis;

	private final AuthProperties properties;

	LoginThrottle(StringRedisTemplate redis, AuthProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * @throws TooManyLoginAttemptsException while either counter is at the limit
	 */
	void checkAllowed(String identifier, String clientAddress) {
		for (String key : keys(identifier, clientAddress)) {
			String failures = this.redis.opsForValue().get(key);
			if (failures != null && Integer.parseInt(failures) >= this.properties.loginAttempts()) {
				Long seconds = this.redis.getExpire(key);
				throw new TooManyLoginAttemptsException(Duration
					.ofSeconds((seconds != null && seconds > 0) ? seconds : this.properties.loginWindow().toSeconds()));
			}
		}
	}

	void recordFailure(String identifier, String clientAddress) {
		for (String key : keys(identifier, clientAddress)) {
			Long failures = this.redis.opsForValue().increment(key);
			if (failures != null && failures == 1) {
				this.redis.expire(key, this.properties.loginWindow());
			}
		}
	}

	void recordSuccess(String identifier) {
		this.redis.delete(PREFIX + "account:" + digest(identifier.toLowerCase(Locale.ROOT)));
	}

	private static List<String> keys(String identifier, String clientAddress) {
		return List.of(PREFIX + "account:" + digest(identifier.toLowerCase(Locale.ROOT)),
				PREFIX + "address:" + digest(clientAddress));
	}

	private static String digest(String value) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
