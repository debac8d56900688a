package app.meet.signaling.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A frame the server sends: {@code {type, from, to, meeting_id, data}}, unset members
 * left out. {@code from} is always the authenticated sender, never what a client claimed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerMessage(String type, UUID from, UUID to, UUID meetingId, Object data) {

	public static final ServerMessage PONG = new ServerMessage("pong", null, null, null, null);

	public static ServerMessage error(String message) {
		return new ServerMessage("error", null, null, null, Map.of("message", message));
	}

	public static ServerMessage relayed(String type, UUID from, UUID to, UUID meetingId, Object data) {
		return new ServerMessage(type, from, to, meetingId, data);
	}

	public static ServerMessage joinRequestPending(UUID meetingId) {
		return new ServerMessage("join-request-pending", null, null, meetingId,
				Map.of("message", "Waiting for host approval"));
	}

	public static ServerMessage pendingJoinRequest(UUID meetingId, UUID userId, String username, String email,
			Instant at) {
		return new ServerMessage("pending-join-request", userId, null, meetingId, Map.of("user_id", userId, "username",
				username, "email", (email != null) ? email : "", "timestamp", at.getEpochSecond()));
	}

	public static ServerMessage joinApproved(UUID meetingId, UUID userId, boolean returning) {
		return new ServerMessage("join-approved", null, userId, meetingId, Map.of("message",
				returning ? "Auto-approved (returning user)" : "Your join request has been approved"));
	}

	public static ServerMessage joinRejected(UUID meetingId, UUID userId) {
		return new ServerMessage("join-rejected", null, userId, meetingId,
				Map.of("message", "Your join request has been rejected"));
	}

	public static ServerMessage peerJoined(UUID meetingId, UUID userId, String username) {
		return new ServerMessage("peer-joined", userId, null, meetingId,
				Map.of("user_id", userId, "username", username));
	}

	public static ServerMessage peerLeft(UUID meetingId, UUID userId, String username) {
		return new ServerMessage("peer-left", userId, null, meetingId, Map.of("user_id", userId, "username", username));
	}

	public static ServerMessage ready(UUID meetingId, List<Map<String, Object>> others) {
		return new ServerMessage("ready", null, null, meetingId, others);
	}

	public static ServerMessage screenShareStarted(UUID meetingId, UUID userId, String username, Instant at) {
		return new ServerMessage("screen-share-started", userId, null, meetingId,
				Map.of("user_id", userId, "username", username, "timestamp", at.getEpochSecond()));
	}

	public static ServerMessage screenShareStopped(UUID meetingId, UUID userId) {
		return new ServerMessage("screen-share-stopped", userId, null, meetingId, Map.of("user_id", userId));
	}

}
