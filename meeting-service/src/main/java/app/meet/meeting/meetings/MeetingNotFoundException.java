package app.meet.meeting.meetings;

/** No such meeting, or one the user may not see (the two answer alike). */
public class MeetingNotFoundException extends RuntimeException {

	public MeetingNotFoundException() {
		super("Meeting not found");
	}

}
