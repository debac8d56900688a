package app.meet.signaling.transport;

import org.springframework.http.HttpStatus;

/** Why a user may not open a signaling socket for a meeting. */
class EntryRefusedException extends RuntimeException {

	/**
	 * What a 503 (meeting-service unreachable, this instance restarting) asks the client
	 * to wait.
	 */
	static final String RETRY_AFTER_SECONDS = "5";

	private final HttpStatus status;

	private final String code;

	EntryRefusedException(HttpStatus status, String code, String detail) {
		super(detail);
		this.status = status;
		this.code = code;
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

}
