package app.meet.recording.membership;

import java.util.UUID;

/** A meeting as recording-service knows it from {@code meeting.events}. */
public record MeetingView(UUID id, UUID hostId, String status, boolean recordingEnabled) {

	public boolean active() {
		return "active".equals(this.status);
	}

}
