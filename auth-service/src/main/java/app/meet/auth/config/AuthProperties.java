package app.meet.auth.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * auth-service's settings.
 *
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid
 * @param keyRotationInterval how long a signing key signs before a new one takes over
 * @param loginAttempts failed logins allowed per account or client address in a window
 * @param loginWindow the window failed logins are counted in
 * @param avatarBucket the object-store bucket avatars live in
 */
@ConfigurationProperties("meet.auth")
@Validated
public record AuthProperties(@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("7d") Duration refreshTokenTtl,
		@DefaultValue("30d") Duration keyRotationInterval, @DefaultValue("5") @Min(1) int loginAttempts,
		@DefaultValue("15m") Duration loginWindow, @DefaultValue("avatars") @NotBlank String avatarBucket) {

}
