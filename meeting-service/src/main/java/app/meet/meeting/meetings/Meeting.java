package app.meet.meeting.meetings;

import java.time.Instant;
import java.util.UUID;

/** A meeting as stored; {@code code} in its stored form (no dashes). */
public record Meeting(UUID id, String code, String title, String description, UUID hostId, MeetingStatus status,
		Instant scheduledAt, Instant startedAt, Instant endedAt, int maxUsers, boolean isRecording, String recordingUrl,
		MeetingSettings settings, Instant createdAt, Instant updatedAt) {

	/** The same meeting, last changed at {@code at}. */
	Meeting changedAt(Instant at) {
		return new Meeting(this.id, this.code, this.title, this.description, this.hostId, this.status, this.scheduledAt,
				this.startedAt, this.endedAt, this.maxUsers, this.isRecording, this.recordingUrl, this.settings,
				this.createdAt, at);
	}

}
