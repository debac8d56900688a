package app.meet.meeting.meeting;

/** A join the meeting's rules do not allow. */
public class JoinRefusedException extends RuntimeException {

	/** Why a join is refused. */
	public enum Reason {

		ENDED("The meeting has ended"), FULL("The meeting is full"),
		NOT_ADMITTED("The host has not admitted you to this meeting yet"),
		REMOVED("You were removed from this meeting"), DENIED("The host denied your request to join");

		private final String message;

		Reason(String message) {
			this.message = message;
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
