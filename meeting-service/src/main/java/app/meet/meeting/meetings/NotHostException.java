package app.meet.meeting.meeting;

/** Only the host may do this. */
public class NotHostException extends RuntimeException {

	public NotHostException() {
		super("Only the host may do this");
	}

}
