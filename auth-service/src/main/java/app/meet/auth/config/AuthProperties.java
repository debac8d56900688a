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
 * @param refreshReuseGrace how long after a refresh token was spent the same token still
 * gets the same successor (two tabs refreshing at once) instead of revoking the login
 * @param keyRotationInterval how long a signing key signs before a new one takes over
 * @param keyPublicationLead how long a new signing key is published before it signs,
 * longer than any verifier waits before refetching the key set
 * @param loginAttempts failed logins allowed for one account from one client address in a
 * window; twice as many for one account from anywhere before each further attempt waits
 * @param loginAttemptsPerAddress failed logins allowed from one client address, whatever
 * the accounts, in a window
 * @param loginWindow the window failed logins are counted in
 * @param loginMaxDelay the longest wait between attempts on an account under attack
 * @param avatarBucket the object-store bucket avatars live in
 * @param keyEncryptionKey the AES key (32 bytes, base64) the private signing keys are
 * sealed with in the database
 */
@ConfigurationProperties("meet.auth")
@Validated
public record AuthProperties(@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("7d") Duration refreshTokenTtl,
		@DefaultValue("10s") Duration refreshReuseGrace, @DefaultValue("30d") Duration keyRotationInterval,
		@DefaultValue("2m") Duration keyPublicationLead, @DefaultValue("5") @Min(1) int loginAttempts,
		@DefaultValue("20") @Min(1) int loginAttemptsPerAddress, @DefaultValue("15m") Duration loginWindow,
		@DefaultValue("1m") Duration loginMaxDelay, @DefaultValue("avatars") @NotBlank String avatarBucket,
		@NotBlank String keyEncryptionKey) {

}
