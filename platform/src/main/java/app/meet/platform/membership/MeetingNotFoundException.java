package app.meet.platform.membership;

/** No such meeting, as far as the service has heard. */
public class MeetingNotFoundException extends RuntimeException {

	MeetingNotFoundException() {
		super("Meeting not found");
	}

}
