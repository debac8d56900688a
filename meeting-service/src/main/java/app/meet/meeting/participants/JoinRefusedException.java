package app.meet.meeting.participants;

/** A join the meeting's rules do not allow. */
public class JoinRefusedException extends RuntimeException {

	/** Why a join is refused. */
	public enum Reason {

		ENDED("meeting-ended", "The meeting has ended"), FULL("meeting-full", "The meeting is full"),
		NOT_ADMITTED("not-admitted", "The host has not admitted you to this meeting yet"),
		REMOVED("removed", "You were removed from this meeting"),
		DENIED("denied", "The host denied your request to join");

		private final String code;

		private final String message;

		Reason(String code, String message) {
			this.code = code;
			this.message = message;
		}

		/** The refusal's problem code. */
		public String code() {
			return this.code;
		}

	}

	private final Reason reason;

	JoinRefusedException(Reason reason) {
		super(reason.message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
