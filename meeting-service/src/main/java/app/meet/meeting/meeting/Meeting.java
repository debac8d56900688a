package app.meet.meeting.meeting;

import java.time.Instant;
import java.util.UUID;

/** A meeting as stored; {@code code} in its stored form (no dashes). */
record Meeting(UUID id, String code, String title, String description, UUID hostId, String status, Instant scheduledAt,
		Instant startedAt, Instant endedAt, int maxUsers, boolean isRecording, String recordingUrl,
		MeetingSettings settings, Instant createdAt, Instant updatedAt) {

	static final String SCHEDULED = "scheduled";

	static final String ENDED = "ended";

}
