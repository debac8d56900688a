package app.meet.signaling.meeting;

import java.util.UUID;

/**
 * A user's standing with a meeting, as meeting-service's admission view tells it.
 *
 * @param hostId the meeting's own host, the only one who may {@code host-join}
 * @param meetingStatus {@code scheduled}, {@code active} or {@code ended}
 * @param admission {@code none}, {@code waiting}, {@code admitted}, {@code denied} or
 * {@code removed}
 * @param isHost whether the user is the meeting's own host
 * @param mayModerate whether the user may admit and deny others
 * @param mayJoin whether the user may join right now
 * @param refusal why not, as the join's problem code
 */
public record Standing(UUID meetingId, UUID userId, UUID hostId, String meetingStatus, String admission, boolean isHost,
		boolean mayModerate, boolean mayJoin, String refusal) {

	/** Removed, denied, or the meeting is over: no socket for this user. */
	public boolean shutOut() {
		return "removed".equals(this.refusal) || "denied".equals(this.refusal) || "meeting-ended".equals(this.refusal);
	}

	/** Must wait for the host's or a moderator's answer. */
	public boolean mustWait() {
		return "not-admitted".equals(this.refusal);
	}

}
