package app.meet.meeting.meetings;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a participant's row stands: asking to join, in the meeting, gone, or turned away.
 */
public enum ParticipantStatus {

	WAITING, ACTIVE, LEFT, REMOVED, DENIED;

	/** As the database stores it and clients read it. */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ParticipantStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
