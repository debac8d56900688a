package app.meet.meeting.participants;

/** You are not in this meeting. */
public class NotAParticipantException extends RuntimeException {

	public NotAParticipantException() {
		super("You are not in this meeting");
	}

}
