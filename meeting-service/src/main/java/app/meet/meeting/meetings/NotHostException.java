package app.meet.meeting.meetings;

/** Only the host may do this. */
public class NotHostException extends RuntimeException {

	public NotHostException() {
		super("Only the host may do this");
	}

}
