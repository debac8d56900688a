package app.meet.events.meeting;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import app.meet.events.User;

/**
 * A user's place in a meeting.
 *
 * @param id the participant's id
 * @param meetingId the meeting
 * @param user the user
 * @param role {@code host}, {@code moderator} or {@code guest}
 * @param status {@code waiting}, {@code active}, {@code left}, {@code denied} or
 * {@code removed}
 * @param joinedAt when they last came in
 * @param leftAt when they last left
 * @param isMuted whether their microphone is off
 * @param isVideoOn whether their camera is on
 * @param isSharing whether they share their screen
 * @param handRaised whether their hand is raised
 */
public record Participant(UUID id, UUID meetingId, User user, String role, String status, @Nullable Instant joinedAt,
		@Nullable Instant leftAt, boolean isMuted, boolean isVideoOn, boolean isSharing, boolean handRaised) {

}
