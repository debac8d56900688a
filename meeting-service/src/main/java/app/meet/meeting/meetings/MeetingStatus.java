package app.meet.meeting.meetings;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** A meeting's life: scheduled until someone first joins, active until it ends. */
public enum MeetingStatus {

	SCHEDULED, ACTIVE, ENDED;

	/** As the database stores it and clients read it. */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static MeetingStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
