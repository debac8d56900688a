package app.meet.signaling.room;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.signaling.meeting.MeetingClient;
import app.meet.signaling.protocol.ClientMessage;
import app.meet.signaling.protocol.ServerMessage;

import org.springframework.stereotype.Component;

/**
 * A participant's microphone, camera and screen: the others hear of a change, and
 * meeting-service keeps it for the participant list.
 */
@Component
class ParticipantStates {

	private static final Logger log = LoggerFactory.getLogger(ParticipantStates.class);

	private final MeetingClient meetings;

	private final Deliveries deliveries;

	ParticipantStates(MeetingClient meetings, Deliveries deliveries) {
		this.meetings = meetings;
		this.deliveries = deliveries;
	}

	void mediaChanged(Connection connection, ClientMessage.MediaStateChanged state) {
		if (!connection.admitted()) {
			return;
		}
		record(connection, Map.of("is_muted", state.isMuted(), "is_video_on", state.isVideoOn()));
		this.deliveries.broadcast(connection.meetingId(), connection.userId(), new ServerMessage.MediaStateChanged(
				connection.meetingId(), connection.userId(), state.isMuted(), state.isVideoOn()));
	}

	/** Best effort: the call goes on when meeting-service cannot record the change. */
	void record(Connection connection, Map<String, Boolean> state) {
		try {
			this.meetings.updateState(connection.meetingId(), connection.userId(), state);
		}
		catch (RuntimeException ex) {
			log.warn("Could not record {} of user {} in meeting {}: {}", state, connection.userId(),
					connection.meetingId(), ex.getMessage());
		}
	}

}
