package app.meet.signaling.meeting;

/**
 * meeting-service (or auth-service, for this service's token) did not answer in time, or
 * answered with a server error, or recent calls failed so that none is tried for now.
 */
public class MeetingServiceUnavailableException extends RuntimeException {

	MeetingServiceUnavailableException(Throwable cause) {
		super("meeting-service is unavailable", cause);
	}

}
