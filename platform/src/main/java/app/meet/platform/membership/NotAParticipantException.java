package app.meet.platform.membership;

/** The user is not (or, for reading, never was) a participant of the meeting. */
public class NotAParticipantException extends RuntimeException {

	NotAParticipantException(String message) {
		super(message);
	}

}
