package app.meet.meeting.meetings;

/** Only the host or a moderator may do this. */
public class NotModeratorException extends RuntimeException {

	NotModeratorException() {
		super("Only the host or a moderator may do this");
	}

}
