package app.meet.platform.web;

import java.net.SocketException;
import java.sql.SQLException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.TransactionSystemException;

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
					|| cause instanceof SocketException || isLostConnection(cause)) {
				return true;
			}
			// a connection that broke under a transaction fails its rollback too, and
			// that failure hides the first one
			if (cause instanceof TransactionSystemException rollbackFailure
					&& rollbackFailure.getApplicationException() != null
					&& causedBy(rollbackFailure.getApplicationException())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * SQL states of class 08 (connection exception) and 57P (the server shutting down or
	 * restarting).
	 */
	private static boolean isLostConnection(Throwable cause) {
		return cause instanceof SQLException sql && sql.getSQLState() != null
				&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"));
	}

}
