package app.meet.signaling.protocol;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes {@link ServerMessage}s as the frames the frontend reads: {@code {type, from, to,
 * meeting_id, data}}, unset members left out. The {@code data} are records, so that the
 * same message is the same text on every instance: a decider's socket drops a frame it
 * was already sent (a knock heard both from the knocking instance and in the list of
 * waiting users).
 */
@Component
public class ServerFrames {

	private final JsonMapper json;

	public ServerFrames(JsonMapper json) {
		this.json = json;
	}

	public String write(ServerMessage message) {
		return this.json.writeValueAsString(frame(message));
	}

	private static Frame frame(ServerMessage message) {
		return switch (message) {
			case ServerMessage.Pong pong -> new Frame("pong", null, null, null, null);
			case ServerMessage.ErrorMessage error -> new Frame("error", null, null, null, new Text(error.message()));
			case ServerMessage.Relayed relayed ->
				new Frame(relayed.type(), relayed.from(), relayed.to(), relayed.meetingId(), relayed.data());
			case ServerMessage.JoinRequestPending pending -> new Frame("join-request-pending", null, null,
					pending.meetingId(), new Text("Waiting for host approval"));
			case ServerMessage.PendingJoinRequest knock ->
				new Frame("pending-join-request", knock.userId(), null, knock.meetingId(), new Knocking(knock.userId(),
						knock.username(), (knock.email() != null) ? knock.email() : "", knock.at().getEpochSecond()));
			case ServerMessage.JoinApproved approved ->
				new Frame("join-approved", null, approved.userId(), approved.meetingId(), new Text(approved.returning()
						? "Auto-approved (returning user)" : "Your join request has been approved"));
			case ServerMessage.JoinRejected rejected -> new Frame("join-rejected", null, rejected.userId(),
					rejected.meetingId(), new Text("Your join request has been rejected"));
			case ServerMessage.PeerJoined joined -> new Frame("peer-joined", joined.userId(), null, joined.meetingId(),
					new ServerMessage.PeerData(joined.userId(), joined.username()));
			case ServerMessage.PeerLeft left -> new Frame("peer-left", left.userId(), null, left.meetingId(),
					new ServerMessage.PeerData(left.userId(), left.username()));
			case ServerMessage.MediaStateChanged state -> new Frame("media-state-changed", state.userId(), null,
					state.meetingId(), new MediaState(state.muted(), state.videoOn()));
			case ServerMessage.Ready ready -> new Frame("ready", null, null, ready.meetingId(), ready.others());
			case ServerMessage.ScreenShareStarted started ->
				new Frame("screen-share-started", started.userId(), null, started.meetingId(),
						new Sharing(started.userId(), started.username(), started.at().getEpochSecond()));
			case ServerMessage.ScreenShareStopped stopped -> new Frame("screen-share-stopped", stopped.userId(), null,
					stopped.meetingId(), new Sharer(stopped.userId()));
		};
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Frame(String type, UUID from, UUID to, UUID meetingId, Object data) {
	}

	/** A message for the user to read. */
	record Text(String message) {
	}

	/** Someone asks to join: what the deciders' popup shows. */
	record Knocking(UUID userId, String username, String email, long timestamp) {
	}

	/** A participant's microphone and camera. */
	record MediaState(boolean isMuted, boolean isVideoOn) {
	}

	/** Who started sharing their screen, and when (Unix seconds). */
	record Sharing(UUID userId, String username, long timestamp) {
	}

	/** Who stopped sharing their screen. */
	record Sharer(UUID userId) {
	}

}
