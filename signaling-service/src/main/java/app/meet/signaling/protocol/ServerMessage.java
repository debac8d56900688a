package app.meet.signaling.protocol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A frame the server sends: {@code {type, from, to, meeting_id, data}}, unset members
 * left out. {@code from} is always the authenticated sender, never what a client claimed.
 * The server's own {@code data} are records, so that the same frame is the same text on
 * every instance: a decider's socket drops a frame it was already sent (a knock heard
 * both from the knocking instance and in the list of waiting users).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerMessage(String type, UUID from, UUID to, UUID meetingId, Object data) {

	public static final ServerMessage PONG = new ServerMessage("pong", null, null, null, null);

	public static ServerMessage error(String message) {
		return new ServerMessage("error", null, null, null, new Text(message));
	}

	public static ServerMessage relayed(String type, UUID from, UUID to, UUID meetingId, Object data) {
		return new ServerMessage(type, from, to, meetingId, data);
	}

	public static ServerMessage joinRequestPending(UUID meetingId) {
		return new ServerMessage("join-request-pending", null, null, meetingId, new Text("Waiting for host approval"));
	}

	public static ServerMessage pendingJoinRequest(UUID meetingId, UUID userId, String username, String email,
			Instant at) {
		return new ServerMessage("pending-join-request", userId, null, meetingId,
				new Knocking(userId, username, (email != null) ? email : "", at.getEpochSecond()));
	}

	public static ServerMessage joinApproved(UUID meetingId, UUID userId, boolean returning) {
		return new ServerMessage("join-approved", null, userId, meetingId,
				new Text(returning ? "Auto-approved (returning user)" : "Your join request has been approved"));
	}

	public static ServerMessage joinRejected(UUID meetingId, UUID userId) {
		return new ServerMessage("join-rejected", null, userId, meetingId,
				new Text("Your join request has been rejected"));
	}

	public static ServerMessage peerJoined(UUID meetingId, UUID userId, String username) {
		return new ServerMessage("peer-joined", userId, null, meetingId, new PeerData(userId, username));
	}

	public static ServerMessage peerLeft(UUID meetingId, UUID userId, String username) {
		return new ServerMessage("peer-left", userId, null, meetingId, new PeerData(userId, username));
	}

	public static ServerMessage mediaStateChanged(UUID meetingId, UUID userId, boolean muted, boolean videoOn) {
		return new ServerMessage("media-state-changed", userId, null, meetingId, new MediaState(muted, videoOn));
	}

	public static ServerMessage ready(UUID meetingId, List<PeerData> others) {
		return new ServerMessage("ready", null, null, meetingId, others);
	}

	public static ServerMessage screenShareStarted(UUID meetingId, UUID userId, String username, Instant at) {
		return new ServerMessage("screen-share-started", userId, null, meetingId,
				new Sharing(userId, username, at.getEpochSecond()));
	}

	public static ServerMessage screenShareStopped(UUID meetingId, UUID userId) {
		return new ServerMessage("screen-share-stopped", userId, null, meetingId, new Sharer(userId));
	}

	/** A message for the user to read. */
	public record Text(String message) {
	}

	/** Someone asks to join: what the deciders' popup shows. */
	public record Knocking(UUID userId, String username, String email, long timestamp) {
	}

	/** Another participant of the meeting. */
	public record PeerData(UUID userId, String username) {
	}

	/** A participant's microphone and camera. */
	public record MediaState(boolean isMuted, boolean isVideoOn) {
	}

	/** Who started sharing their screen, and when (Unix seconds). */
	public record Sharing(UUID userId, String username, long timestamp) {
	}

	/** Who stopped sharing their screen. */
	public record Sharer(UUID userId) {
	}

}
