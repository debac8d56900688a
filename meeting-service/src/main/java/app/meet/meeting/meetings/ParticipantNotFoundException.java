package app.meet.meeting.meetings;

/** The user is not a participant of the meeting in the way the action needs. */
public class ParticipantNotFoundException extends RuntimeException {

	public ParticipantNotFoundException() {
		super("No such participant in this meeting");
	}

}
