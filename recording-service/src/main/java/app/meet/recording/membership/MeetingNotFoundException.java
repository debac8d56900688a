package app.meet.recording.membership;

/** No such meeting, as far as recording-service has heard. */
public class MeetingNotFoundException extends RuntimeException {

	MeetingNotFoundException() {
		super("Meeting not found");
	}

}
