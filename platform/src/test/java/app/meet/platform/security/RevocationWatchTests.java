package app.meet.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationWatchTests {

	private final StubRevokedTokens revoked = new StubRevokedTokens();

	private final RevocationWatch watch = new RevocationWatch(this.revoked, Duration.ofHours(1));

	@AfterEach
	void stop() {
		this.watch.destroy();
	}

	@Test
	void endsOnlyTheConnectionsWhoseTokenWasRevokedAndEachOnce() {
		Jwt loggedOut = token("a");
		Jwt current = token("b");
		AtomicInteger endedLoggedOut = new AtomicInteger();
		AtomicInteger endedSecondTab = new AtomicInteger();
		AtomicInteger endedCurrent = new AtomicInteger();
		this.watch.watch(loggedOut, endedLoggedOut::incrementAndGet);
		this.watch.watch(loggedOut, endedSecondTab::incrementAndGet);
		this.watch.watch(current, endedCurrent::incrementAndGet);

		this.revoked.ids = Set.of("a");
		this.watch.sweep();
		this.watch.sweep();

		assertThat(endedLoggedOut).hasValue(1);
		assertThat(endedSecondTab).hasValue(1);
		assertThat(endedCurrent).hasValue(0);
		assertThat(this.watch.size()).isEqualTo(1);
	}

	@Test
	void aClosedConnectionIsNoLongerWatched() {
		AtomicInteger ended = new AtomicInteger();
		RevocationWatch.Registration registration = this.watch.watch(token("a"), ended::incrementAndGet);

		registration.close();
		this.revoked.ids = Set.of("a");
		this.watch.sweep();

		assertThat(ended).hasValue(0);
		assertThat(this.watch.size()).isZero();
	}

	private static Jwt token(String id) {
		return Jwt.withTokenValue("token-" + id)
			.header("alg", "ES256")
			.jti(id)
			.subject("user")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(900))
			.build();
	}

	/** Revokes the tokens whose ids it is given. */
	private static final class StubRevokedTokens extends RevokedTokens {

		private Set<String> ids = Set.of();

		StubRevokedTokens() {
			super(null);
		}

		@Override
		public Set<Jwt> revokedAmong(Collection<Jwt> tokens) {
			return tokens.stream().filter((token) -> this.ids.contains(token.getId())).collect(Collectors.toSet());
		}

	}

}
