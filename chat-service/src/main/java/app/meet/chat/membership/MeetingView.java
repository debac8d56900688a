package app.meet.chat.membership;

import java.util.UUID;

/** A meeting as chat-service knows it from {@code meeting.events}. */
public record MeetingView(UUID id, UUID hostId, String status, boolean allowChat) {

	public boolean ended() {
		return "ended".equals(this.status);
	}

}
