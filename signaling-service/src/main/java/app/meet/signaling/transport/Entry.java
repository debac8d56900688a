package app.meet.signaling.transport;

import java.util.UUID;

import app.meet.platform.web.CanonicalValues;
import app.meet.signaling.meeting.MeetingClient;
import app.meet.signaling.meeting.MeetingServiceUnavailableException;
import app.meet.signaling.meeting.Standing;
import app.meet.signaling.room.Connection;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Who may open a socket: any signed-in user of an existing meeting, except those removed
 * from or denied it, and nobody once it has ended. Everyone let through starts pending.
 */
@Component
class Entry {

	private final MeetingClient meetings;

	Entry(MeetingClient meetings) {
		this.meetings = meetings;
	}

	/**
	 * @throws EntryRefusedException with the status the upgrade is refused with
	 */
	Admitted check(Jwt token, String meetingIdParameter) {
		if (meetingIdParameter == null || meetingIdParameter.isBlank()) {
			throw new EntryRefusedException(HttpStatus.BAD_REQUEST, "validation-failed", "meeting_id is required");
		}
		UUID meetingId;
		try {
			meetingId = CanonicalValues.uuid(meetingIdParameter);
		}
		catch (IllegalArgumentException ex) {
			throw new EntryRefusedException(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid meeting_id");
		}
		Connection.User user = user(token);
		Standing standing;
		try {
			standing = this.meetings.standing(meetingId, user.id())
				.orElseThrow(() -> new EntryRefusedException(HttpStatus.NOT_FOUND, "meeting-not-found",
						"Meeting not found"));
		}
		catch (MeetingServiceUnavailableException ex) {
			throw new EntryRefusedException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
					"Meetings cannot be reached; try again in a few seconds");
		}
		if (standing.shutOut()) {
			throw new EntryRefusedException(HttpStatus.FORBIDDEN, standing.refusal(), switch (standing.refusal()) {
				case "meeting-ended" -> "The meeting has ended";
				case "removed" -> "You were removed from this meeting";
				default -> "Your request to join this meeting was denied";
			});
		}
		return new Admitted(meetingId, user, standing);
	}

	private static Connection.User user(Jwt token) {
		String username = (token.getClaimAsString("username") != null) ? token.getClaimAsString("username") : "user";
		String name = (token.getClaimAsString("name") != null) ? token.getClaimAsString("name") : username;
		return new Connection.User(UUID.fromString(token.getSubject()), username, name,
				token.getClaimAsString("email"));
	}

	record Admitted(UUID meetingId, Connection.User user, Standing standing) {
	}

}
