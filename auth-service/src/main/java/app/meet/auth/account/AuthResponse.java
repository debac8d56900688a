package app.meet.auth.account;

import java.time.Duration;
import java.time.Instant;

import app.meet.auth.token.IssuedTokens;

/** The answer to register, login and refresh. */
record AuthResponse(UserResponse user, String accessToken, String refreshToken, String tokenType, long expiresIn,
		Instant expiresAt) {

	static AuthResponse of(User user, IssuedTokens tokens, Instant now) {
		return new AuthResponse(UserResponse.forSelf(user), tokens.accessToken(), tokens.refreshToken(), "Bearer",
				Duration.between(now, tokens.expiresAt()).toSeconds(), tokens.expiresAt());
	}

}
