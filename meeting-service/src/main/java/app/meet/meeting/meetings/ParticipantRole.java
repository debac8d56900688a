package app.meet.meeting.meetings;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a participant may do: the host runs the meeting, a moderator helps (admits, mutes,
 * removes), a guest takes part.
 */
public enum ParticipantRole {

	HOST, MODERATOR, GUEST;

	/** As the database stores it and clients read it. */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ParticipantRole of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
