package app.meet.meeting.meetings;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import app.meet.platform.users.UserView;

/** A meeting as clients see it. */
record MeetingResponse(UUID id, String code, String title, String description, UUID hostId, UserView host,
		MeetingStatus status, @Nullable Instant scheduledAt, @Nullable Instant startedAt, @Nullable Instant endedAt,
		int maxUsers, boolean isRecording, @Nullable String recordingUrl, int participantCount,
		MeetingSettings settings, Instant createdAt, Instant updatedAt) {

	static MeetingResponse of(Meeting meeting, UserView host, int participantCount) {
		return new MeetingResponse(meeting.id(), MeetingCode.display(meeting.code()), meeting.title(),
				meeting.description(), meeting.hostId(), host, meeting.status(), meeting.scheduledAt(),
				meeting.startedAt(), meeting.endedAt(), meeting.maxUsers(), meeting.isRecording(),
				meeting.recordingUrl(), participantCount, meeting.settings(), meeting.createdAt(), meeting.updatedAt());
	}

	/** The meeting as events carry it to the other services. */
	app.meet.events.meeting.Meeting asEvent() {
		return new app.meet.events.meeting.Meeting(this.id, this.code, this.title, this.description, this.hostId,
				this.host.asEvent(), this.status.value(), this.scheduledAt, this.startedAt, this.endedAt, this.maxUsers,
				this.isRecording, this.recordingUrl, this.participantCount, this.settings.asEvent(), this.createdAt,
				this.updatedAt);
	}

}
