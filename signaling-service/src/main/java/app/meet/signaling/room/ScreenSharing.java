package app.meet.signaling.room;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.meet.signaling.protocol.ScreenShares;
import app.meet.signaling.protocol.ServerMessage;
import app.meet.signaling.routing.Directory;

import org.springframework.stereotype.Component;

/**
 * Who shares their screen in a meeting (one at a time, kept in the {@link Directory}):
 * the others hear when it starts and stops, and a sharer's screen ends with their place.
 */
@Component
class ScreenSharing {

	private final Directory directory;

	private final Deliveries deliveries;

	private final ParticipantStates states;

	private final Clock clock;

	ScreenSharing(Directory directory, Deliveries deliveries, ParticipantStates states, Clock clock) {
		this.directory = directory;
		this.deliveries = deliveries;
		this.states = states;
		this.clock = clock;
	}

	/**
	 * The frontend never announces its screen share; its offers show it (a video stream
	 * without audio). The others hear of it as if it had, and the sharer offers to later
	 * newcomers, so that they receive the screen too.
	 */
	void inferFromOffer(Connection connection, String sdp) {
		boolean sharing = ScreenShares.inOffer(sdp);
		if (sharing == connection.sharing()) {
			return;
		}
		if (sharing) {
			start(connection, connection.user().username());
		}
		else {
			connection.sharing(false);
			if (this.directory.stopSharing(connection.meetingId(), connection.userId())) {
				announceStop(connection);
			}
		}
	}

	/** The client says it shares, with the name to show (its user's by default). */
	void started(Connection connection, String username) {
		if (connection.admitted()) {
			start(connection, (username != null && !username.isBlank()) ? username : connection.user().username());
		}
	}

	void stopped(Connection connection) {
		if (connection.admitted()) {
			this.directory.stopSharing(connection.meetingId(), connection.userId());
			connection.sharing(false);
			announceStop(connection);
		}
	}

	/** The user's place is empty: a screen they shared is gone. */
	void endWith(UUID meetingId, UUID userId) {
		if (this.directory.stopSharing(meetingId, userId)) {
			this.deliveries.broadcast(meetingId, userId, new ServerMessage.ScreenShareStopped(meetingId, userId));
		}
	}

	boolean isSharer(UUID meetingId, UUID userId) {
		return this.directory.sharer(meetingId).filter(userId::equals).isPresent();
	}

	/** Whoever shares in the meeting, unless it is the user. */
	Optional<UUID> sharerOtherThan(UUID meetingId, UUID userId) {
		return this.directory.sharer(meetingId).filter((id) -> !id.equals(userId));
	}

	private void start(Connection connection, String username) {
		this.directory.startSharing(connection.meetingId(), connection.userId());
		connection.sharing(true);
		this.states.record(connection, Map.of("is_sharing", true));
		this.deliveries.broadcast(connection.meetingId(), connection.userId(), new ServerMessage.ScreenShareStarted(
				connection.meetingId(), connection.userId(), username, this.clock.instant()));
	}

	private void announceStop(Connection connection) {
		this.states.record(connection, Map.of("is_sharing", false));
		this.deliveries.broadcast(connection.meetingId(), connection.userId(),
				new ServerMessage.ScreenShareStopped(connection.meetingId(), connection.userId()));
	}

}
