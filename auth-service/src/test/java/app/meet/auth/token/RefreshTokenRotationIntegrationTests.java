package app.meet.auth.token;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.platform.security.RevokedTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Refresh-token rotation on the real database: a token is spent once, whoever presents it
 * at the same moment gets the same successor, and a copy presented after the grace period
 * ends the whole login.
 */
@SpringBootTest(properties = "meet.auth.refresh-reuse-grace=2s")
@EmbeddedInfrastructure
class RefreshTokenRotationIntegrationTests {

	private static final int PARALLEL_REFRESHES = 8;

	@Autowired
	private TokenService tokens;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JwtDecoder decoder;

	@Autowired
	private RevokedTokens revoked;

	@Test
	void refreshesOfOneTokenAtTheSameMomentSpendItOnceAndAllGetTheSameSuccessor() throws Exception {
		TokenSubject subject = storedSubject();
		IssuedTokens login = this.tokens.issue(subject);
		Callable<IssuedTokens> refresh = () -> this.tokens.refresh(login.refreshToken(), (id) -> subject);

		List<IssuedTokens> refreshed;
		try (ExecutorService threads = Executors.newFixedThreadPool(PARALLEL_REFRESHES)) {
			List<Future<IssuedTokens>> results = threads
				.invokeAll(IntStream.range(0, PARALLEL_REFRESHES).mapToObj((each) -> refresh).toList());
			refreshed = results.stream().map(RefreshTokenRotationIntegrationTests::get).toList();
		}

		Set<String> successors = refreshed.stream().map(IssuedTokens::refreshToken).collect(Collectors.toSet());
		assertThat(successors).hasSize(1).doesNotContain(login.refreshToken());
		assertThat(this.jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE user_id = :user")
			.param("user", subject.userId())
			.query(Integer.class)
			.single()).as("the first token and one successor").isEqualTo(2);
		assertThat(this.tokens.refresh(successors.iterator().next(), (id) -> subject).refreshToken())
			.isNotIn(successors);
	}

	@Test
	void aSpentTokenPresentedAfterTheGracePeriodEndsTheWholeLogin() throws Exception {
		TokenSubject subject = storedSubject();
		IssuedTokens login = this.tokens.issue(subject);
		IssuedTokens next = this.tokens.refresh(login.refreshToken(), (id) -> subject);

		Thread.sleep(2500);

		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.tokens.refresh(login.refreshToken(), (id) -> subject));
		assertThatExceptionOfType(InvalidRefreshTokenException.class).as("the successor is revoked with its login")
			.isThrownBy(() -> this.tokens.refresh(next.refreshToken(), (id) -> subject));
		assertThat(this.revoked.isRevoked(this.decoder.decode(next.accessToken())))
			.as("the login's access tokens are refused too")
			.isTrue();
	}

	@Test
	void anUnknownTokenIsRefused() {
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.tokens.refresh("not-a-token-we-issued", (id) -> storedSubject()));
	}

	private static IssuedTokens get(Future<IssuedTokens> result) {
		try {
			return result.get();
		}
		catch (Exception ex) {
			throw new AssertionError("a parallel refresh failed", ex);
		}
	}

	private TokenSubject storedSubject() {
		return StoredAccounts.insert(this.jdbc, "ref");
	}

}
