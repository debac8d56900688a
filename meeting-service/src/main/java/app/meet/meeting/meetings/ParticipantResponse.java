package app.meet.meeting.meetings;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import app.meet.events.meeting.Participant;
import app.meet.platform.users.UserView;

/** A participant as clients see it. */
public record ParticipantResponse(UUID id, UUID meetingId, UserView user, ParticipantRole role,
		ParticipantStatus status, @Nullable Instant joinedAt, @Nullable Instant leftAt, boolean isMuted,
		boolean isVideoOn, boolean isSharing, boolean handRaised) {

	/** The participant as events carry them to the other services. */
	public Participant asEvent() {
		return new Participant(this.id, this.meetingId, this.user.asEvent(), this.role.value(), this.status.value(),
				this.joinedAt, this.leftAt, this.isMuted, this.isVideoOn, this.isSharing, this.handRaised);
	}

}
