package app.meet.meeting.meeting;

/** The meeting has ended. */
public class MeetingEndedException extends RuntimeException {

	public MeetingEndedException() {
		super("The meeting has ended");
	}

}
