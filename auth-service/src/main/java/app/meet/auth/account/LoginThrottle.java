package app.meet.auth.account;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import app.meet.auth.config.AuthProperties;
import app.meet.auth.throttle.RedisCounters;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Failed logins, counted in Redis so the limits hold across instances, after OWASP's
 * advice against brute force without handing attackers a way to lock people out:
 * <ul>
 * <li>one account from one client address: {@code login-attempts} failures in the window,
 * then refused until the window ends;</li>
 * <li>one client address, whatever the accounts: {@code login-attempts-per-address}
 * failures, then refused until the window ends;</li>
 * <li>one account from anywhere: beyond twice {@code login-attempts} failures, each
 * further failure makes the next attempt wait, doubling from one second up to
 * {@code login-max-delay}, except from an address the account has logged in from in the
 * last 30 days. So an attacker elsewhere only slows themselves, and the account's owner
 * keeps getting in from where they usually do.</li>
 * </ul>
 * An account is counted by its id however it is named (email or username, in any case); a
 * name that belongs to no account is counted by the name, so the limits tell nothing
 * about which accounts exist. Addresses and names are stored only as digests.
 */
@Component
class LoginThrottle {

	private static final String PREFIX = "meet:login:";

	/** How long an address the account logged in from counts as the owner's. */
	private static final Duration KNOWN_ADDRESS_TTL = Duration.ofDays(30);

	/**
	 * Adds an address to the account's known ones and renews the set's expiry in one
	 * step, so that no set is ever left without one (which would keep an address known
	 * for good).
	 */
	private static final RedisScript<Long> REMEMBER_ADDRESS = RedisScript.of("""
			redis.call('SADD', KEYS[1], ARGV[1])
			return redis.call('PEXPIRE', KEYS[1], ARGV[2])
			""", Long.class);

	private final RedisCounters counters;

	private final StringRedisTemplate redis;

	private final AuthProperties properties;

	private final Counter wrongCredentials;

	private final Counter throttled;

	LoginThrottle(RedisCounters counters, StringRedisTemplate redis, AuthProperties properties, MeterRegistry meters) {
		this.counters = counters;
		this.redis = redis;
		this.properties = properties;
		this.wrongCredentials = failures(meters, "wrong_credentials");
		this.throttled = failures(meters, "throttled");
	}

	private static Counter failures(MeterRegistry meters, String reason) {
		return Counter.builder("meet.auth.login.failures")
			.tag("reason", reason)
			.description("Logins refused: a wrong account or password, or too many attempts")
			.register(meters);
	}

	/** What the throttle counts an account by. */
	static String account(UUID userId) {
		return "id:" + userId;
	}

	/** What the throttle counts a name that belongs to no account by. */
	static String unknownAccount(String identifier) {
		return "name:" + identifier.toLowerCase(Locale.ROOT);
	}

	/**
	 * @throws TooManyLoginAttemptsException while the account may not be tried from this
	 * address
	 */
	void checkAllowed(String account, String address) {
		try {
			refuseIfAtLimit(pairKey(account, address), this.properties.loginAttempts());
			refuseIfAtLimit(addressKey(address), this.properties.loginAttemptsPerAddress());
			if (!isKnown(account, address)) {
				Long delay = this.redis.getExpire(delayKey(account), TimeUnit.MILLISECONDS);
				if (delay != null && delay > 0) {
					throw new TooManyLoginAttemptsException(
							new RedisCounters.Count(0, Duration.ofMillis(delay)).retryAfter());
				}
			}
		}
		catch (TooManyLoginAttemptsException ex) {
			this.throttled.increment();
			throw ex;
		}
	}

	void recordFailure(String account, String address) {
		this.wrongCredentials.increment();
		Duration window = this.properties.loginWindow();
		this.counters.increment(pairKey(account, address), window);
		this.counters.increment(addressKey(address), window);
		long failures = this.counters.increment(accountKey(account), window).value();
		long beyond = failures - 2L * this.properties.loginAttempts();
		if (beyond >= 0) {
			Duration delay = Duration.ofSeconds(1L << Math.min(beyond, 20));
			Duration capped = (delay.compareTo(this.properties.loginMaxDelay()) > 0) ? this.properties.loginMaxDelay()
					: delay;
			this.redis.opsForValue().set(delayKey(account), "1", capped);
		}
	}

	/** The address is the owner's from now on; its own failures are forgotten. */
	void recordSuccess(String account, String address) {
		this.counters.reset(pairKey(account, address));
		this.redis.execute(REMEMBER_ADDRESS, List.of(knownKey(account)), RedisCounters.digest(address),
				Long.toString(KNOWN_ADDRESS_TTL.toMillis()));
	}

	private boolean isKnown(String account, String address) {
		return Boolean.TRUE.equals(this.redis.opsForSet().isMember(knownKey(account), RedisCounters.digest(address)));
	}

	private void refuseIfAtLimit(String key, int limit) {
		RedisCounters.Count count = this.counters.get(key);
		if (count.value() >= limit) {
			throw new TooManyLoginAttemptsException(count.retryAfter());
		}
	}

	static String pairKey(String account, String address) {
		return PREFIX + "failures:pair:" + RedisCounters.digest(account + "|" + address);
	}

	static String addressKey(String address) {
		return PREFIX + "failures:address:" + RedisCounters.digest(address);
	}

	static String accountKey(String account) {
		return PREFIX + "failures:account:" + RedisCounters.digest(account);
	}

	static String delayKey(String account) {
		return PREFIX + "delay:" + RedisCounters.digest(account);
	}

	static String knownKey(String account) {
		return PREFIX + "known:" + RedisCounters.digest(account);
	}

}
