package app.meet.meeting.moderation;

import org.springframework.http.HttpStatus;

/** A moderation action the meeting's rules do not allow for this participant. */
public class ModerationRefusedException extends RuntimeException {

	/** Why, with the answer's status and code. */
	public enum Reason {

		HOST_NOT_REMOVABLE(HttpStatus.FORBIDDEN, "cannot-remove-host", "The host cannot be removed"),
		HOST_NOT_DENIABLE(HttpStatus.FORBIDDEN, "cannot-deny-host", "The host cannot be denied"),
		HOST_ROLE_FIXED(HttpStatus.CONFLICT, "participant-is-host",
				"The host's role cannot be changed; it passes on when the host leaves"),
		REMOVED(HttpStatus.CONFLICT, "participant-removed", "This user was removed from the meeting"), ALREADY_JOINED(
				HttpStatus.CONFLICT, "already-joined", "This user has already joined; remove them instead of denying");

		private final HttpStatus status;

		private final String code;

		private final String message;

		Reason(HttpStatus status, String code, String message) {
			this.status = status;
			this.code = code;
			this.message = message;
		}

		public HttpStatus status() {
			return this.status;
		}

		public String code() {
			return this.code;
		}

	}

	private final Reason reason;

	public ModerationRefusedException(Reason reason) {
		super(reason.message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
