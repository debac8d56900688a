package app.meet.meeting.meeting;

/** The user is not a participant of the meeting in the way the action needs. */
public class ParticipantNotFoundException extends RuntimeException {

	ParticipantNotFoundException() {
		super("No such participant in this meeting");
	}

}
