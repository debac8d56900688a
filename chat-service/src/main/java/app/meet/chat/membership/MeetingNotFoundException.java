package app.meet.chat.membership;

/** No such meeting, as far as chat-service has heard. */
public class MeetingNotFoundException extends RuntimeException {

	MeetingNotFoundException() {
		super("Meeting not found");
	}

}
