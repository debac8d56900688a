package app.meet.signaling.protocol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What the server sends over the signaling socket. {@link ServerFrames} writes each as
 * one frame, {@code {type, from, to, meeting_id, data}}; {@code from} is always the
 * authenticated sender, never what a client claimed.
 */
public sealed interface ServerMessage {

	record Pong() implements ServerMessage {
	}

	/** Something the user should read: a refused or dropped message. */
	record ErrorMessage(String message) implements ServerMessage {
	}

	/** An offer, answer or ICE candidate from an admitted peer, as the peer sent it. */
	record Relayed(String type, UUID from, UUID to, UUID meetingId, JsonNode data) implements ServerMessage {
	}

	/** To the knocking user: the host or a moderator has to let them in. */
	record JoinRequestPending(UUID meetingId) implements ServerMessage {
	}

	/** To the deciders: someone knocks. */
	record PendingJoinRequest(UUID meetingId, UUID userId, String username, String email,
			Instant at) implements ServerMessage {
	}

	/**
	 * @param returning whether the user was let in before and needs nobody's approval
	 */
	record JoinApproved(UUID meetingId, UUID userId, boolean returning) implements ServerMessage {
	}

	record JoinRejected(UUID meetingId, UUID userId) implements ServerMessage {
	}

	/** A peer to offer to (or, to a screen sharer, a newcomer to offer the screen to). */
	record PeerJoined(UUID meetingId, UUID userId, String username) implements ServerMessage {
	}

	record PeerLeft(UUID meetingId, UUID userId, String username) implements ServerMessage {
	}

	record MediaStateChanged(UUID meetingId, UUID userId, boolean muted, boolean videoOn) implements ServerMessage {
	}

	/** To a newcomer, after its {@code peer-joined}s: everyone it was introduced to. */
	record Ready(UUID meetingId, List<PeerData> others) implements ServerMessage {
	}

	record ScreenShareStarted(UUID meetingId, UUID userId, String username, Instant at) implements ServerMessage {
	}

	record ScreenShareStopped(UUID meetingId, UUID userId) implements ServerMessage {
	}

	/** Another participant of the meeting. */
	record PeerData(UUID userId, String username) {
	}

}
