package app.meet.meeting.participant;

import java.time.Instant;
import java.util.UUID;

import app.meet.meeting.user.UserView;

/** A participant as clients see it. */
public record ParticipantResponse(UUID id, UUID meetingId, UserView user, String role, String status, Instant joinedAt,
		Instant leftAt, boolean isMuted, boolean isVideoOn, boolean isSharing, boolean handRaised) {

}
