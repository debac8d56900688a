package app.meet.auth.account;

import app.meet.auth.token.InvalidRefreshTokenException;
import app.meet.platform.problem.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The account feature's failures as problems with stable codes. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountExceptionHandler {

	@ExceptionHandler(EmailTakenException.class)
	ProblemDetail emailTaken(EmailTakenException ex) {
		return Problems.of(HttpStatus.CONFLICT, "Email already exists", "email-taken");
	}

	@ExceptionHandler(UsernameTakenException.class)
	ProblemDetail usernameTaken(UsernameTakenException ex) {
		return Problems.of(HttpStatus.CONFLICT, "Username already exists", "username-taken");
	}

	@ExceptionHandler(InvalidCredentialsException.class)
	ProblemDetail invalidCredentials(InvalidCredentialsException ex) {
		return Problems.of(HttpStatus.UNAUTHORIZED, "Invalid email or password", "invalid-credentials");
	}

	@ExceptionHandler(InvalidRefreshTokenException.class)
	ProblemDetail invalidRefreshToken(InvalidRefreshTokenException ex) {
		return Problems.of(HttpStatus.UNAUTHORIZED, ex.getMessage(), "invalid-refresh-token");
	}

	/** The token is valid but its account is gone: as good as no credentials. */
	@ExceptionHandler(AccountGoneException.class)
	ProblemDetail accountGone(AccountGoneException ex) {
		return Problems.of(HttpStatus.UNAUTHORIZED, ex.getMessage(), "account-gone");
	}

	@ExceptionHandler(UserNotFoundException.class)
	ProblemDetail userNotFound(UserNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "No such user", "user-not-found");
	}

	@ExceptionHandler(TooManyLoginAttemptsException.class)
	ResponseEntity<ProblemDetail> tooManyAttempts(TooManyLoginAttemptsException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
			.body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage(), "too-many-login-attempts"));
	}

}
