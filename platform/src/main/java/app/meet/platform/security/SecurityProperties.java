package app.meet.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How access tokens are checked everywhere: signature through auth-service's JWKS, issuer
 * and audience.
 *
 * @param jwksUri where auth-service publishes its public keys ({@code AUTH_JWKS_URI})
 * @param issuer the {@code iss} every token must carry ({@code AUTH_ISSUER})
 * @param audience the {@code aud} every token must contain
 * @param publicPaths Ant-style paths a service answers without a token
 * @param internalScopes which scope a service token needs for each of the service's
 * internal paths (Ant-style); an internal path not named here opens to nobody
 * @param verifiedTokensKept how many verified tokens are kept so that they need not be
 * verified again (see {@link VerifiedTokens})
 * @param revocationCheckInterval how often open sockets and event streams are checked for
 * revoked tokens (see {@link RevocationWatch})
 */
@ConfigurationProperties("meet.security")
@Validated
public record SecurityProperties(@NotNull URI jwksUri, @NotBlank String issuer, @NotBlank String audience,
		@DefaultValue List<String> publicPaths, @DefaultValue Map<String, String> internalScopes,
		@DefaultValue("10000") @PositiveOrZero long verifiedTokensKept,
		@DefaultValue("3s") @NotNull Duration revocationCheckInterval) {

}
