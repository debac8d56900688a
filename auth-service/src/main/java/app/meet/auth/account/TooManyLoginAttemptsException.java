package app.meet.auth.account;

import java.time.Duration;

/**
 * Too many failed logins for an account or from a client address; try again after a
 * while.
 */
class TooManyLoginAttemptsException extends RuntimeException {

	private final Duration retryAfter;

	TooManyLoginAttemptsException(Duration retryAfter) {
		super("Too many failed login attempts; try again later");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
