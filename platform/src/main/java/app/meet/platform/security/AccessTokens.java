package app.meet.platform.security;

import java.time.Duration;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The checks every Meet access token passes, wherever it is validated, and the two kinds
 * of token: a user's (from login, with a session id) and a service's (from the
 * client-credentials grant, with a client id and the scopes it may use).
 */
public final class AccessTokens {

	/** The algorithm auth-service signs with. */
	public static final String ALGORITHM = "ES256";

	/** The claim naming the service a service token was issued to. */
	public static final String CLIENT_ID_CLAIM = "client_id";

	/**
	 * The claim naming the login a user's token belongs to: every access token of one
	 * login (its refreshes included) carries the same session id, so that ending the
	 * login ends them all.
	 */
	public static final String SESSION_CLAIM = "sid";

	/**
	 * The gateway's scope: its token, sent with each request it forwards, vouches for the
	 * client address it forwards.
	 */
	public static final String GATEWAY_SCOPE = "gateway.forwarding";

	/** Where the gateway sends its own token with each request it forwards. */
	public static final String GATEWAY_TOKEN_HEADER = "X-Gateway-Token";

	private AccessTokens() {
	}

	/**
	 * Expiry (with 30 s of clock skew), issuer, audience and the presence of a token id.
	 */
	public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
		return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ofSeconds(30)),
				new JwtIssuerValidator(properties.issuer()),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						(audience) -> audience != null && audience.contains(properties.audience())),
				new JwtClaimValidator<String>(JwtClaimNames.JTI, (id) -> id != null && !id.isBlank()),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, (subject) -> subject != null && !subject.isBlank()));
	}

	/** Whether the token is a service's rather than a user's. */
	public static boolean isServiceToken(Jwt token) {
		return token.hasClaim(CLIENT_ID_CLAIM);
	}

	/** Whether the token grants the scope. */
	public static boolean hasScope(Jwt token, String scope) {
		String scopes = token.getClaimAsString("scope");
		return scopes != null && List.of(scopes.split(" ")).contains(scope);
	}

}
