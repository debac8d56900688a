package app.meet.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import app.meet.auth.config.AuthProperties;
import app.meet.platform.security.AccessTokens;
import app.meet.platform.security.SecurityProperties;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues, refreshes and revokes the tokens of a login. */
@Service
public class TokenService {

	private final JwtEncoder encoder;

	private final SigningKeys keys;

	private final RefreshTokens refreshTokens;

	private final TokenDenylist denylist;

	private final AuthProperties properties;

	private final SecurityProperties security;

	private final Clock clock;

	TokenService(JwtEncoder encoder, SigningKeys keys, RefreshTokens refreshTokens, TokenDenylist denylist,
			AuthProperties properties, SecurityProperties security, Clock clock) {
		this.encoder = encoder;
		this.keys = keys;
		this.refreshTokens = refreshTokens;
		this.denylist = denylist;
		this.properties = properties;
		this.security = security;
		this.clock = clock;
	}

	/**
	 * Starts a login: an access token and the first refresh token of a new family, whose
	 * id every access token of the login carries as its session id.
	 */
	@Transactional
	public IssuedTokens issue(TokenSubject subject) {
		UUID session = UUID.randomUUID();
		return issue(subject, session, this.refreshTokens.issue(subject.userId(), session));
	}

	/**
	 * Spends a refresh token and issues the next pair of its login. Within the reuse
	 * grace period a token spent by a concurrent refresh gets the same successor back.
	 * @param subjectOf looks up the current profile of the token's owner
	 * @throws InvalidRefreshTokenException when the token cannot be used; one spent
	 * before the grace period also ends its whole login, access tokens included
	 */
	@Transactional(noRollbackFor = InvalidRefreshTokenException.class)
	public IssuedTokens refresh(String refreshToken, Function<UUID, TokenSubject> subjectOf) {
		return switch (this.refreshTokens.spend(refreshToken)) {
			case RefreshTokens.Outcome.Spent spent -> {
				String successor = this.refreshTokens.issue(spent.userId(), spent.familyId());
				this.refreshTokens.sealSuccessor(refreshToken, successor);
				yield issue(subjectOf.apply(spent.userId()), spent.familyId(), successor);
			}
			case RefreshTokens.Outcome.Replayed replayed ->
				issue(subjectOf.apply(replayed.userId()), replayed.familyId(), replayed.successor());
			case RefreshTokens.Outcome.Reused reused -> {
				this.denylist.endSession(reused.familyId());
				throw new InvalidRefreshTokenException();
			}
			case RefreshTokens.Outcome.Invalid invalid -> throw new InvalidRefreshTokenException();
		};
	}

	/**
	 * Ends the login the access token belongs to: its refresh tokens are revoked and
	 * every access token of it is refused from now on. A refresh token of another login
	 * of the same user, if given, ends that login too.
	 */
	@Transactional
	public void logout(Jwt accessToken, String refreshToken) {
		this.denylist.deny(accessToken.getId(), accessToken.getExpiresAt());
		String session = accessToken.getClaimAsString(AccessTokens.SESSION_CLAIM);
		if (session != null) {
			endLogin(UUID.fromString(session));
		}
		if (refreshToken != null && !refreshToken.isBlank()) {
			this.refreshTokens.familyOf(refreshToken, UUID.fromString(accessToken.getSubject()))
				.filter((family) -> !family.toString().equals(session))
				.ifPresent(this::endLogin);
		}
	}

	private void endLogin(UUID session) {
		this.refreshTokens.revokeFamily(session);
		this.denylist.endSession(session);
	}

	private IssuedTokens issue(TokenSubject subject, UUID session, String refreshToken) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.accessTokenTtl());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.security.issuer())
			.audience(List.of(this.security.audience()))
			.subject(subject.userId().toString())
			.issuedAt(now)
			.expiresAt(expiresAt)
			.id(UUID.randomUUID().toString())
			.claim(AccessTokens.SESSION_CLAIM, session.toString())
			.claim("username", subject.username())
			.claim("name", subject.name())
			.claim("email", subject.email())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(this.keys.current().getKeyID()).build();
		String accessToken = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedTokens(subject.userId(), accessToken, refreshToken, expiresAt);
	}

}
