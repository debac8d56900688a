package app.meet.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import app.meet.auth.config.AuthProperties;
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

	/** Starts a login: an access token and the first refresh token of a new family. */
	@Transactional
	public IssuedTokens issue(TokenSubject subject) {
		return issue(subject, null);
	}

	/**
	 * Spends a refresh token and issues the next pair of its family.
	 * @param subjectOf looks up the current profile of the token's owner
	 * @throws InvalidRefreshTokenException when the token cannot be used; a spent token
	 * also revokes its family
	 */
	@Transactional(noRollbackFor = InvalidRefreshTokenException.class)
	public IssuedTokens refresh(String refreshToken, Function<UUID, TokenSubject> subjectOf) {
		RefreshTokens.Spent spent = this.refreshTokens.spend(refreshToken)
			.orElseThrow(InvalidRefreshTokenException::new);
		return issue(subjectOf.apply(spent.userId()), spent.familyId());
	}

	/**
	 * Ends a login: the access token is refused from now on, the refresh token's family
	 * revoked.
	 */
	@Transactional
	public void logout(Jwt accessToken, String refreshToken) {
		this.denylist.deny(accessToken.getId(), accessToken.getExpiresAt());
		if (refreshToken != null && !refreshToken.isBlank()) {
			this.refreshTokens.revokeFamilyOf(refreshToken);
		}
	}

	private IssuedTokens issue(TokenSubject subject, UUID familyId) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.accessTokenTtl());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.security.issuer())
			.audience(List.of(this.security.audience()))
			.subject(subject.userId().toString())
			.issuedAt(now)
			.expiresAt(expiresAt)
			.id(UUID.randomUUID().toString())
			.claim("username", subject.username())
			.claim("name", subject.name())
			.claim("email", subject.email())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(this.keys.current().getKeyID()).build();
		String accessToken = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		String refreshToken = this.refreshTokens.issue(subject.userId(), familyId);
		return new IssuedTokens(subject.userId(), accessToken, refreshToken, expiresAt);
	}

}
