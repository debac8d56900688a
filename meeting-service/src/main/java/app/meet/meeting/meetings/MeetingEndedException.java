package app.meet.meeting.meetings;

/** The meeting has ended. */
public class MeetingEndedException extends RuntimeException {

	public MeetingEndedException() {
		super("The meeting has ended");
	}

}
