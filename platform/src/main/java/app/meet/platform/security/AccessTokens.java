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

/** The checks every Meet access token passes, wherever it is validated. */
public final class AccessTokens {

	/** The algorithm auth-service signs with. */
	public static final String ALGORITHM = "ES256";

	/**
	 * The scope of the tokens services get from auth-service for each other's
	 * {@code /internal/**} endpoints; user tokens have no scope.
	 */
	public static final String INTERNAL_SCOPE = "internal";

	/** The authority a service token carries. */
	public static final String INTERNAL_AUTHORITY = "SCOPE_" + INTERNAL_SCOPE;

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

}
