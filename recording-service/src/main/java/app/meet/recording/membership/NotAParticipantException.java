package app.meet.recording.membership;

/** The user is not (or, for watching, never was) a participant of the meeting. */
public class NotAParticipantException extends RuntimeException {

	public NotAParticipantException(String message) {
		super(message);
	}

}
