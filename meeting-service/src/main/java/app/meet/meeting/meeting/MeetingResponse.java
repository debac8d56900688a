package app.meet.meeting.meeting;

import java.time.Instant;
import java.util.UUID;

import app.meet.meeting.user.UserView;

/** A meeting as clients see it. */
record MeetingResponse(UUID id, String code, String title, String description, UUID hostId, UserView host,
		String status, Instant scheduledAt, Instant startedAt, Instant endedAt, int maxUsers, boolean isRecording,
		String recordingUrl, int participantCount, MeetingSettings settings, Instant createdAt, Instant updatedAt) {

	static MeetingResponse of(Meeting meeting, UserView host, int participantCount) {
		return new MeetingResponse(meeting.id(), MeetingCode.display(meeting.code()), meeting.title(),
				meeting.description(), meeting.hostId(), host, meeting.status(), meeting.scheduledAt(),
				meeting.startedAt(), meeting.endedAt(), meeting.maxUsers(), meeting.isRecording(),
				meeting.recordingUrl(), participantCount, meeting.settings(), meeting.createdAt(), meeting.updatedAt());
	}

}
