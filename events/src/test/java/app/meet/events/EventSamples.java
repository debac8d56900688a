package app.meet.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import app.meet.events.meeting.Meeting;
import app.meet.events.meeting.MeetingSettings;
import app.meet.events.meeting.Participant;
import app.meet.events.recording.Recording;

/**
 * Complete events as their producers publish them, with made-up values, for the tests of
 * the services' consumers (the events module's test jar).
 */
public final class EventSamples {

	private EventSamples() {
	}

	public static User user(UUID id, String name) {
		return new User(id, "user" + id.toString().substring(0, 8), name, "", Instant.now());
	}

	/** A meeting with the default settings. */
	public static Meeting meeting(UUID id, UUID hostId, String status) {
		Instant now = Instant.now();
		return new Meeting(id, "abc-defg-hij", "Weekly sync", "", hostId, user(hostId, "Host"), status, null,
				status.equals("scheduled") ? null : now, status.equals("ended") ? now : null, 100, false, null, 1,
				new MeetingSettings(true, true, false, true, true, true, 300), now, now);
	}

	public static Participant participant(UUID meetingId, UUID userId, String name, String role, String status) {
		Instant now = Instant.now();
		return new Participant(UUID.randomUUID(), meetingId, user(userId, name), role, status, now,
				status.equals("active") ? null : now, false, true, false, false);
	}

	public static Recording recording(UUID meetingId, UUID startedBy, String status, @Nullable String mediaUrl) {
		Instant now = Instant.now();
		return new Recording(UUID.randomUUID(), meetingId, startedBy, status, now,
				status.equals("recording") ? null : now, 0, "video/webm", mediaUrl);
	}

}
