package app.meet.signaling.room;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.signaling.config.SignalingProperties;
import app.meet.signaling.meeting.MeetingServiceUnavailableException;
import app.meet.signaling.protocol.ClientMessage;
import app.meet.signaling.protocol.ServerMessage;
import app.meet.signaling.routing.Directory;
import app.meet.signaling.routing.Peer;
import app.meet.signaling.routing.Router;
import app.meet.signaling.routing.Socket;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The signaling protocol (docs/signaling.md) for the sockets of this instance: what the
 * transport and the meeting feed call. A socket opens (pending), joins through the
 * {@link WaitingRoom}, holds its user's place among the {@link Places}, and relays
 * offers, answers and ICE candidates to admitted peers of its meeting, on this instance
 * or, through the {@link app.meet.signaling.routing.Router}, another.
 */
@Component
public class Signaling {

	private static final Logger log = LoggerFactory.getLogger(Signaling.class);

	private static final CloseStatus TOO_MANY_SOCKETS = CloseStatus.POLICY_VIOLATION
		.withReason("Too many open sockets");

	private static final CloseStatus NOT_JOINED = CloseStatus.POLICY_VIOLATION
		.withReason("Neither host-join nor join-request came in time");

	private static final CloseStatus RESTARTING = CloseStatus.SERVICE_RESTARTED
		.withReason("This instance is restarting; connect again");

	private static final CloseStatus TOKEN_REVOKED = CloseStatus.POLICY_VIOLATION.withReason("The token was revoked");

	private final LocalConnections local;

	private final Directory directory;

	private final Router router;

	private final Places places;

	private final WaitingRoom waitingRoom;

	private final ScreenSharing screens;

	private final ParticipantStates states;

	private final Deliveries deliveries;

	private final TaskScheduler scheduler;

	private final SignalingProperties properties;

	private final Clock clock;

	/** Set as this instance stops: the places its sockets leave wait for their users. */
	private volatile boolean restarting;

	Signaling(LocalConnections local, Directory directory, Router router, Places places, WaitingRoom waitingRoom,
			ScreenSharing screens, ParticipantStates states, Deliveries deliveries, TaskScheduler scheduler,
			SignalingProperties properties, Clock clock) {
		this.local = local;
		this.directory = directory;
		this.router = router;
		this.places = places;
		this.waitingRoom = waitingRoom;
		this.screens = screens;
		this.states = states;
		this.deliveries = deliveries;
		this.scheduler = scheduler;
		this.properties = properties;
		this.clock = clock;
	}

	/** Whether the user may open another socket on this instance. */
	public boolean mayOpenAnother(UUID userId) {
		return this.local.countOf(userId) < this.properties.maxSocketsPerUser();
	}

	/**
	 * A socket opened; if its user's previous socket has just closed, it takes over. One
	 * beyond the user's limit is closed at once, and one that neither takes over nor
	 * joins within the join timeout is closed then.
	 */
	public void opened(Connection connection) {
		if (this.restarting) {
			connection.close(RESTARTING);
			return;
		}
		this.local.add(connection);
		if (this.local.countOf(connection.userId()) > this.properties.maxSocketsPerUser()) {
			connection.close(TOO_MANY_SOCKETS);
			return;
		}
		this.scheduler.schedule(() -> closeIfNotJoined(connection),
				this.clock.instant().plus(this.properties.joinTimeout()));
		this.directory.openSocket(connection.meetingId(), connection.userId(),
				new Socket(this.router.node(), connection.id()));
		this.places.takeOverVacated(connection);
	}

	private void closeIfNotJoined(Connection connection) {
		if (!connection.admitted() && !connection.knocked() && !connection.closed()) {
			connection.close(NOT_JOINED);
		}
	}

	/**
	 * A frame from the socket, within its rate. When meeting-service or Redis cannot be
	 * reached, the message is dropped, the socket stays open and its client is told.
	 */
	public void received(Connection connection, ClientMessage message) {
		if (!connection.withinRate(this.clock.millis())) {
			this.deliveries.error(connection, "Too many messages: at most " + this.properties.framesPerSecond()
					+ " a second; this one was dropped");
			return;
		}
		try {
			handle(connection, message);
		}
		catch (MeetingServiceUnavailableException ex) {
			this.deliveries.error(connection, "Meetings cannot be reached; try again in a few seconds");
		}
		catch (DataAccessException ex) {
			log.warn("Could not handle a {} of socket {}: {}", message.getClass().getSimpleName(), connection.id(),
					ex.getMessage());
			this.deliveries.error(connection,
					"Signaling cannot reach its data store; this message was dropped, try again in a few seconds");
		}
	}

	private void handle(Connection connection, ClientMessage message) {
		switch (message) {
			case ClientMessage.Signal signal -> relay(connection, signal);
			case ClientMessage.MediaStateChanged state -> this.states.mediaChanged(connection, state);
			case ClientMessage.ScreenShareStarted started -> this.screens.started(connection, started.username());
			case ClientMessage.ScreenShareStopped stopped -> this.screens.stopped(connection);
			case ClientMessage.HostJoin hostJoin -> this.waitingRoom.hostJoin(connection);
			case ClientMessage.JoinRequest request -> this.waitingRoom.joinRequest(connection);
			case ClientMessage.Decision decision -> this.waitingRoom.decide(connection, decision);
			case ClientMessage.Ping ping -> this.deliveries.send(connection, new ServerMessage.Pong());
			case ClientMessage.Leave leave -> this.places.leave(connection);
			case ClientMessage.Invalid invalid -> this.deliveries.error(connection, invalid.reason());
		}
	}

	/**
	 * An offer, answer or ICE candidate goes to the recipient's admitted socket: on this
	 * instance directly, else wherever the directory has the recipient's place.
	 */
	private void relay(Connection connection, ClientMessage.Signal signal) {
		if (!connection.admitted()) {
			this.deliveries.error(connection, "Only participants admitted to the meeting can signal");
			return;
		}
		if (signal.to().equals(connection.userId())) {
			this.deliveries.error(connection, "A signaling message cannot be sent to yourself");
			return;
		}
		if (signal instanceof ClientMessage.Offer offer) {
			this.screens.inferFromOffer(connection, offer.data().path("sdp").asString(""));
		}
		ServerMessage relayed = new ServerMessage.Relayed(signal.type(), connection.userId(), signal.to(),
				connection.meetingId(), signal.data());
		Optional<Connection> nearby = this.local.of(connection.meetingId(), signal.to())
			.stream()
			.filter(Connection::admitted)
			.findFirst();
		if (nearby.isPresent()) {
			this.deliveries.send(nearby.get(), relayed);
			return;
		}
		Optional<Peer> recipient = this.directory.peer(connection.meetingId(), signal.to())
			.filter((peer) -> !peer.vacated());
		if (recipient.isPresent()) {
			this.deliveries.send(recipient.get().node(), recipient.get().connection(), relayed);
		}
		else {
			this.deliveries.error(connection, "The recipient is not connected to this meeting");
		}
	}

	/** A socket closed: its user's place waits for a new socket of theirs, or goes. */
	public void closed(Connection connection) {
		connection.markClosed();
		this.local.remove(connection);
		this.directory.closeSocket(connection.meetingId(), connection.userId(), connection.id());
		this.places.vacate(connection, this.restarting);
	}

	/** The token the socket was opened with was revoked (a logout, an ended login). */
	public void tokenRevoked(Connection connection) {
		connection.close(TOKEN_REVOKED);
	}

	/**
	 * This instance is stopping: every socket is closed with 1012 (service restart), so
	 * that its client connects again, reaching another instance, and takes its place
	 * back. The places wait as after a crash: this instance sets no timer to end them,
	 * and another instance's sweep ends those nobody takes back.
	 */
	public void closeEverySocketForRestart() {
		this.restarting = true;
		List.copyOf(this.local.all()).forEach((connection) -> connection.close(RESTARTING));
	}

	/** Whether this instance is stopping: new sockets belong on another. */
	public boolean isRestarting() {
		return this.restarting;
	}

	/** The user left the meeting or was removed: their sockets close. */
	public void participantGone(UUID meetingId, UUID userId, String reason) {
		this.places.participantGone(meetingId, userId, reason);
	}

	/** The meeting ended: every socket of it closes. */
	public void meetingEnded(UUID meetingId) {
		this.places.meetingEnded(meetingId);
	}

	/**
	 * The host or a moderator let the user in or turned them away, over REST or another
	 * socket.
	 */
	public void admissionDecided(UUID meetingId, UUID userId, boolean admitted) {
		this.waitingRoom.decided(meetingId, userId, admitted, this.local.of(meetingId, userId));
	}

	/** Whether the user has a socket in the meeting on a live instance. */
	public boolean isPresent(UUID meetingId, UUID userId) {
		return this.places.isPresent(meetingId, userId);
	}

}
