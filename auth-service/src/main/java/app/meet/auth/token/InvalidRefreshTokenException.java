package app.meet.auth.token;

/** A refresh token that is unknown, expired, revoked or already spent. */
public class InvalidRefreshTokenException extends RuntimeException {

	InvalidRefreshTokenException() {
		super("The refresh token is invalid or expired");
	}

}
