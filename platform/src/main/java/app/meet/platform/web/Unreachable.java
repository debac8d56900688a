package app.meet.platform.web;

import java.net.ConnectException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Failures that mean a server the service needs (PostgreSQL, Redis) cannot be reached or
 * does not answer, however the layers above wrapped them: the request is answered 503
 * with {@code Retry-After}, never 500, and the service recovers by itself once the server
 * is back.
 */
final class Unreachable {

	/** Seconds a client is asked to wait while a server the service needs is away. */
	static final String RETRY_AFTER_SECONDS = "5";

	static final String DETAIL = "A server this service needs cannot be reached; try again in a few seconds";

	private Unreachable() {
	}

	static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException
					|| cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

}
