package app.meet.signaling.protocol;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What a client may send over the signaling socket, one JSON object per text frame. The
 * frontend sends {@code type}, {@code data} and, for the WebRTC messages, {@code to};
 * whatever {@code from} or {@code meeting_id} it sends is ignored.
 */
public sealed interface ClientMessage {

	/** Relayed as it is to one admitted peer of the same meeting. */
	sealed interface Signal extends ClientMessage {

		UUID to();

		JsonNode data();

		String type();

	}

	record Offer(UUID to, JsonNode data) implements Signal {

		@Override
		public String type() {
			return "offer";
		}

	}

	record Answer(UUID to, JsonNode data) implements Signal {

		@Override
		public String type() {
			return "answer";
		}

	}

	record IceCandidate(UUID to, JsonNode data) implements Signal {

		@Override
		public String type() {
			return "ice-candidate";
		}

	}

	/** The sender's full media state, after a toggle. */
	record MediaStateChanged(boolean isMuted, boolean isVideoOn) implements ClientMessage {
	}

	record ScreenShareStarted(String username) implements ClientMessage {
	}

	record ScreenShareStopped() implements ClientMessage {
	}

	/** The meeting's host enters. */
	record HostJoin() implements ClientMessage {
	}

	/**
	 * Anyone else asks to enter. Whatever else the frame carries (the frontend sends an
	 * email) is ignored: the host sees who knocks from the access token alone.
	 */
	record JoinRequest() implements ClientMessage {
	}

	/**
	 * The host or a moderator lets a waiting user in ({@code admit}) or turns them away.
	 */
	record Decision(UUID userId, boolean admit) implements ClientMessage {
	}

	record Ping() implements ClientMessage {
	}

	/** The sender leaves the call (its socket stays open). */
	record Leave() implements ClientMessage {
	}

	/** A frame that is not a message of this protocol; the sender is told why. */
	record Invalid(String reason) implements ClientMessage {
	}

}
