package app.meet.signaling.room;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import app.meet.signaling.meeting.DecisionRefusedException;
import app.meet.signaling.meeting.MeetingClient;
import app.meet.signaling.meeting.Standing;
import app.meet.signaling.protocol.ClientMessage;
import app.meet.signaling.protocol.ServerMessage;
import app.meet.signaling.routing.Directory;
import app.meet.signaling.routing.Knock;
import app.meet.signaling.routing.NodeMessage;
import app.meet.signaling.routing.Peer;
import app.meet.signaling.routing.Socket;

import org.springframework.stereotype.Component;

/**
 * Who gets in: the host enters with {@code host-join}; anyone else knocks with
 * {@code join-request} and, unless meeting-service lets them straight in, waits for the
 * host or a moderator to decide, over this socket, another one, or REST. The deciders
 * hear of each knock once, wherever their sockets are.
 */
@Component
class WaitingRoom {

	private final MeetingClient meetings;

	private final Directory directory;

	private final Places places;

	private final Deliveries deliveries;

	private final Clock clock;

	WaitingRoom(MeetingClient meetings, Directory directory, Places places, Deliveries deliveries, Clock clock) {
		this.meetings = meetings;
		this.directory = directory;
		this.places = places;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	/** The host enters, as the standing checked when the socket opened says they are. */
	void hostJoin(Connection connection) {
		if (!connection.standing().isHost()) {
			this.deliveries.error(connection, "Only the meeting's host can host-join");
			return;
		}
		this.places.admit(connection, true);
		sendKnocks(connection);
	}

	void joinRequest(Connection connection) {
		connection.knock();
		UUID meetingId = connection.meetingId();
		Connection.User user = connection.user();
		// remembered before meeting-service lists the user as waiting, so that a host
		// coming in meanwhile hears of the knock in full (with its email)
		Knock knock = new Knock(user.id(), user.username(), user.email(), this.clock.instant());
		boolean firstKnock = this.directory.rememberKnock(meetingId, knock);
		Standing standing = this.meetings.knock(meetingId, user.id(), user.username(), user.name());
		if (!standing.mustWait()) {
			this.directory.forgetKnock(meetingId, user.id());
		}
		if (standing.shutOut()) {
			this.deliveries.send(connection, new ServerMessage.JoinRejected(meetingId, user.id()));
		}
		else if (standing.mustWait()) {
			this.deliveries.send(connection, new ServerMessage.JoinRequestPending(meetingId));
			// the deciders hear of a guest once; a host who connects later gets every
			// waiting knock
			if (firstKnock) {
				tellDeciders(meetingId, standing.hostId(), knocking(meetingId, knock));
			}
		}
		else {
			this.deliveries.send(connection,
					new ServerMessage.JoinApproved(meetingId, user.id(), "admitted".equals(standing.admission())));
			this.places.admit(connection, standing.mayModerate());
			if (standing.mayModerate()) {
				sendKnocks(connection);
			}
		}
	}

	/**
	 * The host or a moderator decides on this socket; meeting-service checks they may.
	 */
	void decide(Connection connection, ClientMessage.Decision decision) {
		UUID meetingId = connection.meetingId();
		try {
			this.meetings.decide(meetingId, decision.userId(), connection.userId(), decision.admit());
		}
		catch (DecisionRefusedException ex) {
			this.deliveries.error(connection, ex.getMessage());
			return;
		}
		this.directory.forgetKnock(meetingId, decision.userId());
		this.directory.socket(meetingId, decision.userId())
			.ifPresent((socket) -> this.deliveries.command(socket.node(), socket.connection(),
					decision.admit() ? NodeMessage.Kind.ADMIT : NodeMessage.Kind.REJECT));
	}

	/**
	 * A decision made elsewhere (over REST, or heard as an event) reaches this instance.
	 */
	void decided(UUID meetingId, UUID userId, boolean admitted, Iterable<Connection> sockets) {
		this.directory.forgetKnock(meetingId, userId);
		for (Connection connection : sockets) {
			if (admitted) {
				admitted(connection);
			}
			else {
				rejected(connection);
			}
		}
	}

	/**
	 * A waiting socket's user was let in; both decision paths may arrive, only one acts.
	 */
	void admitted(Connection connection) {
		synchronized (connection) {
			if (connection.admitted() || !connection.knocked() || connection.closed()) {
				return;
			}
			this.deliveries.send(connection,
					new ServerMessage.JoinApproved(connection.meetingId(), connection.userId(), false));
			this.places.admit(connection, false);
		}
	}

	void rejected(Connection connection) {
		synchronized (connection) {
			if (connection.admitted() || !connection.knocked() || connection.closed()) {
				return;
			}
			this.deliveries.send(connection,
					new ServerMessage.JoinRejected(connection.meetingId(), connection.userId()));
			// so that the same decision heard again (a redelivered event) is not told
			// twice
			connection.knockRefused();
		}
	}

	/**
	 * The host and the moderators hear of a knock, wherever their sockets are, once: a
	 * decider coming in meanwhile may also find it in the list it gets
	 * ({@link #sendKnocks}), the same frame.
	 */
	private void tellDeciders(UUID meetingId, UUID hostId, ServerMessage knocking) {
		Optional<Socket> host = this.directory.socket(meetingId, hostId);
		host.ifPresent((socket) -> this.deliveries.sendOnce(socket.node(), socket.connection(), knocking));
		for (Peer peer : this.directory.peers(meetingId)) {
			boolean hostSocket = host.map((socket) -> socket.connection().equals(peer.connection())).orElse(false);
			if (peer.moderator() && !peer.vacated() && !hostSocket) {
				this.deliveries.sendOnce(peer.node(), peer.connection(), knocking);
			}
		}
	}

	/** Everyone still waiting, for a host or moderator who has just come in. */
	private void sendKnocks(Connection connection) {
		UUID meetingId = connection.meetingId();
		for (JsonNode participant : this.meetings.waiting(meetingId)) {
			UUID userId = UUID.fromString(participant.path("user").path("id").asString());
			Knock knock = this.directory.knock(meetingId, userId)
				.orElseGet(() -> new Knock(userId, participant.path("user").path("username").asString(), "",
						this.clock.instant()));
			this.deliveries.sendOnce(connection, knocking(meetingId, knock));
		}
	}

	private static ServerMessage knocking(UUID meetingId, Knock knock) {
		return new ServerMessage.PendingJoinRequest(meetingId, knock.userId(), knock.username(), knock.email(),
				knock.at());
	}

}
