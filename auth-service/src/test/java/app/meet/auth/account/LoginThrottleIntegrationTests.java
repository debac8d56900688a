package app.meet.auth.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.meet.auth.config.AuthProperties;
import app.meet.auth.throttle.RedisCounters;
import app.meet.devstack.test.EmbeddedInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The login throttle against the real Redis: failures that arrive together are each
 * counted, and every key it writes expires, so that no address or account stays
 * throttled, or known, for good.
 */
@SpringBootTest
@EmbeddedInfrastructure
class LoginThrottleIntegrationTests {

	private static final String PASSWORD = "Throttle-test-passphrase-42";

	private static final String WRONG_PASSWORD = "not-the-passphrase";

	@Autowired
	private AccountService accounts;

	@Autowired
	private RedisCounters counters;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private AuthProperties properties;

	@Test
	void parallelWrongPasswordsForOneAccountAreEachCountedAndEveryKeyTheyWriteExpires() throws Exception {
		UserResponse user = register();
		String account = LoginThrottle.account(user.id());
		// one short of the failures that start slowing the account down, so none is
		// refused
		int parallel = 2 * this.properties.loginAttempts() - 1;
		List<String> addresses = addresses(parallel + 1);
		ExecutorService pool = Executors.newFixedThreadPool(parallel);
		try {
			List<Callable<Void>> attempts = new ArrayList<>();
			for (String address : addresses.subList(0, parallel)) {
				attempts.add(() -> {
					assertThatExceptionOfType(InvalidCredentialsException.class)
						.isThrownBy(() -> login(user, WRONG_PASSWORD, address));
					return null;
				});
			}
			for (Future<Void> attempt : pool.invokeAll(attempts)) {
				attempt.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.counters.get(LoginThrottle.accountKey(account)).value()).isEqualTo(parallel);

		// the next failure starts the delay, which lasts a second: read its expiry at
		// once
		assertThatExceptionOfType(InvalidCredentialsException.class)
			.isThrownBy(() -> login(user, WRONG_PASSWORD, addresses.getLast()));
		assertExpires(LoginThrottle.delayKey(account));
		assertThat(this.counters.get(LoginThrottle.accountKey(account)).value()).isEqualTo(parallel + 1);
		assertExpires(LoginThrottle.accountKey(account));
		for (String address : addresses) {
			assertThat(this.counters.get(LoginThrottle.pairKey(account, address)).value()).isOne();
			assertExpires(LoginThrottle.pairKey(account, address));
			assertThat(this.counters.get(LoginThrottle.addressKey(address)).value()).isOne();
			assertExpires(LoginThrottle.addressKey(address));
		}
	}

	@Test
	void aSuccessfulLoginRemembersItsAddressForAWhileAndForgetsTheAddressFailures() {
		UserResponse user = register();
		String account = LoginThrottle.account(user.id());
		List<String> addresses = addresses(2);
		for (String address : addresses) {
			assertThatExceptionOfType(InvalidCredentialsException.class)
				.isThrownBy(() -> login(user, WRONG_PASSWORD, address));
			login(user, PASSWORD, address);
		}

		String known = LoginThrottle.knownKey(account);
		assertThat(this.redis.opsForSet().members(known))
			.containsExactlyInAnyOrderElementsOf(addresses.stream().map(RedisCounters::digest).toList());
		assertExpires(known);
		assertThat(this.redis.getExpire(known, TimeUnit.MILLISECONDS))
			.isLessThanOrEqualTo(Duration.ofDays(30).toMillis());
		assertExpires(LoginThrottle.accountKey(account));
		for (String address : addresses) {
			assertThat(this.redis.hasKey(LoginThrottle.pairKey(account, address))).as("the address's failures")
				.isFalse();
			assertExpires(LoginThrottle.addressKey(address));
		}
	}

	private UserResponse register() {
		String handle = "thr" + UUID.randomUUID().toString().substring(0, 8);
		return this.accounts
			.register(new AccountRequests.Register(handle + "@example.com", handle, PASSWORD, "Throttle Test"))
			.user();
	}

	private void login(UserResponse user, String password, String address) {
		this.accounts.login(new AccountRequests.Login(user.email(), null, password), address);
	}

	/** Addresses no other test uses: their counters start at nothing. */
	private static List<String> addresses(int count) {
		int subnet = ThreadLocalRandom.current().nextInt(1 << 16);
		List<String> addresses = new ArrayList<>();
		for (int host = 1; host <= count; host++) {
			addresses.add("10." + (subnet >> 8) + "." + (subnet & 0xff) + "." + host);
		}
		return addresses;
	}

	/**
	 * The key's time to live is positive: it exists and will expire. Read in milliseconds
	 * ({@code PTTL}), as {@code TTL} rounds the last half second of a key to zero.
	 */
	private void assertExpires(String key) {
		assertThat(this.redis.getExpire(key, TimeUnit.MILLISECONDS)).as("the time to live of %s", key).isPositive();
	}

}
