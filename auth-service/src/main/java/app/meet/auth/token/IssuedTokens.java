package app.meet.auth.token;

import java.time.Instant;
import java.util.UUID;

/**
 * A fresh access token and the refresh token that replaces it.
 *
 * @param userId whom they were issued to
 * @param accessToken the signed JWT
 * @param refreshToken the opaque refresh token
 * @param expiresAt when the access token expires
 */
public record IssuedTokens(UUID userId, String accessToken, String refreshToken, Instant expiresAt) {

}
