package app.meet.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokensTests {

	private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

	private final VerifiedTokens verified = new VerifiedTokens(100, Clock.fixed(NOW, ZoneOffset.UTC));

	private final AtomicInteger verifications = new AtomicInteger();

	@Test
	void verifiesATokenOnceWhileItIsValid() {
		JwtDecoder decoder = this.verified.caching(verifier(NOW.plus(Duration.ofMinutes(15))));

		Jwt first = decoder.decode("token-a");
		Jwt again = decoder.decode("token-a");
		decoder.decode("token-b");

		assertThat(again).isSameAs(first);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void keepsNoTokenThatFailedVerification() {
		JwtDecoder decoder = this.verified.caching((token) -> {
			this.verifications.incrementAndGet();
			throw new BadJwtException("bad signature");
		});

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThat(this.verifications).hasValue(2);
		assertThat(this.verified.find("forged")).isNull();
	}

	@Test
	void keepsNoTokenPastItsExpiry() {
		JwtDecoder decoder = this.verified.caching(verifier(NOW.minusSeconds(5)));

		decoder.decode("expired-but-within-skew");
		decoder.decode("expired-but-within-skew");

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void findsOnlyWhatWasRemembered() {
		Jwt jwt = jwt("remembered", NOW.plusSeconds(60));
		this.verified.remember("remembered", jwt);

		assertThat(this.verified.find("remembered")).isSameAs(jwt);
		assertThat(this.verified.find("remembered ")).isNull();
	}

	private JwtDecoder verifier(Instant expiresAt) {
		return (token) -> {
			this.verifications.incrementAndGet();
			return jwt(token, expiresAt);
		};
	}

	private static Jwt jwt(String token, Instant expiresAt) {
		return Jwt.withTokenValue(token)
			.header("alg", "ES256")
			.subject("user")
			.issuedAt(expiresAt.minus(Duration.ofMinutes(15)))
			.expiresAt(expiresAt)
			.build();
	}

}
