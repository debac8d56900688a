package app.meet.signaling.room;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import app.meet.signaling.config.SignalingProperties;
import app.meet.signaling.meeting.DecisionRefusedException;
import app.meet.signaling.meeting.MeetingClient;
import app.meet.signaling.meeting.MeetingServiceUnavailableException;
import app.meet.signaling.meeting.Standing;
import app.meet.signaling.protocol.ClientMessage;
import app.meet.signaling.protocol.ScreenShares;
import app.meet.signaling.protocol.ServerMessage;
import app.meet.signaling.routing.Directory;
import app.meet.signaling.routing.Knock;
import app.meet.signaling.routing.NodeMessage;
import app.meet.signaling.routing.NodeMessageHandler;
import app.meet.signaling.routing.Peer;
import app.meet.signaling.routing.Relay;
import app.meet.signaling.routing.Socket;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The signaling protocol (docs/signaling.md) for the sockets of this instance, with the
 * other instances through the {@link Directory} and the {@link Relay}.
 * <ul>
 * <li>A socket is pending until its user is let in; only admitted sockets signal, and
 * only to admitted sockets of the same meeting.</li>
 * <li>The newcomer offers: a second after it is admitted it gets one {@code peer-joined}
 * per peer admitted before it (a screen sharer instead gets the newcomer's, so that its
 * offer carries the screen); nobody else is told.</li>
 * <li>A user has one place in a meeting: a new announce replaces the old socket
 * ({@code peer-left} first); a socket closing leaves its place open for a few seconds,
 * and a new socket of the same user takes it over silently.</li>
 * </ul>
 */
@Component
public class Signaling implements NodeMessageHandler {

	private static final Logger log = LoggerFactory.getLogger(Signaling.class);

	private static final CloseStatus REPLACED = CloseStatus.NORMAL.withReason("Replaced by a newer connection");

	private static final CloseStatus TOO_MANY_SOCKETS = CloseStatus.POLICY_VIOLATION
		.withReason("Too many open sockets");

	private static final CloseStatus NOT_JOINED = CloseStatus.POLICY_VIOLATION
		.withReason("Neither host-join nor join-request came in time");

	private static final CloseStatus RESTARTING = CloseStatus.SERVICE_RESTARTED
		.withReason("This instance is restarting; connect again");

	private static final CloseStatus TOKEN_REVOKED = CloseStatus.POLICY_VIOLATION.withReason("The token was revoked");

	private final LocalConnections local;

	private final Directory directory;

	private final Relay relay;

	private final MeetingClient meetings;

	private final TaskScheduler scheduler;

	private final SignalingProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	/** Set as this instance stops: the places its sockets leave wait for their users. */
	private volatile boolean restarting;

	Signaling(LocalConnections local, Directory directory, Relay relay, MeetingClient meetings, TaskScheduler scheduler,
			SignalingProperties properties, JsonMapper json, Clock clock) {
		this.local = local;
		this.directory = directory;
		this.relay = relay;
		this.meetings = meetings;
		this.scheduler = scheduler;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
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
		UUID meetingId = connection.meetingId();
		this.directory.openSocket(meetingId, connection.userId(), new Socket(this.relay.node(), connection.id()));
		this.directory.peer(meetingId, connection.userId()).filter(Peer::vacated).ifPresent((vacated) -> {
			if (this.directory.replacePeer(meetingId, vacated.connection(),
					vacated.movedTo(this.relay.node(), connection.id()))) {
				enter(connection);
			}
		});
	}

	/** Whether the user may open another socket on this instance. */
	public boolean mayOpenAnother(UUID userId) {
		return this.local.countOf(userId) < this.properties.maxSocketsPerUser();
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

	/** The token the socket was opened with was revoked (a logout, an ended login). */
	public void tokenRevoked(Connection connection) {
		connection.close(TOKEN_REVOKED);
	}

	private void closeIfNotJoined(Connection connection) {
		if (!connection.admitted() && !connection.knocked() && !connection.closed()) {
			connection.close(NOT_JOINED);
		}
	}

	public void received(Connection connection, ClientMessage message) {
		if (!connection.withinRate(this.clock.millis())) {
			connection.send(frame(ServerMessage.error("Too many messages: at most " + this.properties.framesPerSecond()
					+ " a second; this one was dropped")));
			return;
		}
		try {
			handle(connection, message);
		}
		catch (MeetingServiceUnavailableException ex) {
			connection.send(frame(ServerMessage.error("Meetings cannot be reached; try again in a few seconds")));
		}
		catch (DataAccessException ex) {
			// Redis (directory, relay) away: the message is lost, the socket stays open
			log.warn("Could not handle a {} of socket {}: {}", message.getClass().getSimpleName(), connection.id(),
					ex.getMessage());
			connection.send(frame(ServerMessage
				.error("Signaling cannot reach its data store; this message was dropped, try again in a few seconds")));
		}
	}

	private void handle(Connection connection, ClientMessage message) {
		switch (message) {
			case ClientMessage.Signal signal -> relaySignal(connection, signal);
			case ClientMessage.MediaStateChanged state -> mediaStateChanged(connection, state);
			case ClientMessage.ScreenShareStarted started -> screenShareStarted(connection, started);
			case ClientMessage.ScreenShareStopped stopped -> screenShareStopped(connection);
			case ClientMessage.HostJoin hostJoin -> hostJoin(connection);
			case ClientMessage.JoinRequest request -> joinRequest(connection);
			case ClientMessage.Decision decision -> decide(connection, decision);
			case ClientMessage.Ping ping -> connection.send(frame(ServerMessage.PONG));
			case ClientMessage.Leave leave -> leave(connection);
			case ClientMessage.Invalid invalid -> connection.send(frame(ServerMessage.error(invalid.reason())));
		}
	}

	/**
	 * A socket closed. If it held its user's place, the place waits for the take-over
	 * grace (or goes at once to a newer socket of the user); then the others hear
	 * {@code peer-left}.
	 */
	public void closed(Connection connection) {
		connection.markClosed();
		this.local.remove(connection);
		UUID meetingId = connection.meetingId();
		UUID userId = connection.userId();
		this.directory.closeSocket(meetingId, userId, connection.id());
		Optional<Peer> place = this.directory.peer(meetingId, userId)
			.filter((peer) -> peer.connection().equals(connection.id()) && !peer.vacated());
		if (place.isEmpty()) {
			if (!isPresent(meetingId, userId)) {
				this.directory.markAbsent(meetingId, userId, this.properties.ghostTimeout());
			}
			return;
		}
		Peer vacated = place.get().vacate(this.clock.millis());
		if (!this.directory.replacePeer(meetingId, connection.id(), vacated)) {
			return;
		}
		Optional<Socket> newer = this.directory.socket(meetingId, userId);
		if (newer.isPresent()) {
			takeOver(meetingId, vacated, newer.get());
		}
		else if (!this.restarting) {
			this.scheduler.schedule(() -> expire(meetingId, vacated),
					this.clock.instant().plus(this.properties.takeoverGrace()));
		}
	}

	@Override
	public void handle(NodeMessage message) {
		this.local.get(message.connection()).ifPresent((connection) -> {
			switch (message.kind()) {
				case SEND -> connection.send(message.frame());
				case SEND_ONCE -> connection.sendOnce(message.frame());
				case CLOSE -> connection.close(REPLACED);
				case TAKE_OVER -> enter(connection);
				case ADMIT -> admitted(connection);
				case REJECT -> rejected(connection);
			}
		});
	}

	/** The user left the meeting or was removed: their sockets close. */
	public void participantGone(UUID meetingId, UUID userId, String reason) {
		for (Connection connection : this.local.of(meetingId, userId)) {
			if (this.directory.removePeer(meetingId, userId, connection.id())) {
				announceDeparture(meetingId, userId, connection.user().username());
			}
			connection.close(CloseStatus.NORMAL.withReason(reason));
		}
		this.directory.clearAbsence(meetingId, userId);
	}

	/** The meeting ended: every socket of it closes. */
	public void meetingEnded(UUID meetingId) {
		for (Connection connection : this.local.of(meetingId)) {
			connection.close(CloseStatus.NORMAL.withReason("The meeting has ended"));
		}
		this.directory.forget(meetingId);
	}

	/** The host or a moderator let the user in, over REST or another socket. */
	public void admissionDecided(UUID meetingId, UUID userId, boolean admitted) {
		this.directory.forgetKnock(meetingId, userId);
		for (Connection connection : this.local.of(meetingId, userId)) {
			if (admitted) {
				admitted(connection);
			}
			else {
				rejected(connection);
			}
		}
	}

	/**
	 * Whether the user has a socket in the meeting on a live instance.
	 */
	public boolean isPresent(UUID meetingId, UUID userId) {
		return this.directory.peer(meetingId, userId).filter((peer) -> live(peer.node())).isPresent()
				|| this.directory.socket(meetingId, userId).filter((socket) -> live(socket.node())).isPresent();
	}

	boolean live(String node) {
		return this.relay.isLocal(node) || this.directory.alive(node);
	}

	Optional<Connection> localConnection(UUID id) {
		return this.local.get(id);
	}

	private void relaySignal(Connection connection, ClientMessage.Signal signal) {
		if (!connection.admitted()) {
			connection.send(frame(ServerMessage.error("Only participants admitted to the meeting can signal")));
			return;
		}
		if (signal.to().equals(connection.userId())) {
			connection.send(frame(ServerMessage.error("A signaling message cannot be sent to yourself")));
			return;
		}
		if (signal instanceof ClientMessage.Offer offer) {
			inferScreenShare(connection, offer.data().path("sdp").asString(""));
		}
		String frame = frame(ServerMessage.relayed(signal.type(), connection.userId(), signal.to(),
				connection.meetingId(), signal.data()));
		Optional<Connection> nearby = this.local.of(connection.meetingId(), signal.to())
			.stream()
			.filter(Connection::admitted)
			.findFirst();
		if (nearby.isPresent()) {
			nearby.get().send(frame);
		}
		else {
			Optional<Peer> recipient = this.directory.peer(connection.meetingId(), signal.to())
				.filter((peer) -> !peer.vacated());
			if (recipient.isPresent()) {
				deliver(recipient.get().node(), recipient.get().connection(), frame);
			}
			else {
				connection.send(frame(ServerMessage.error("The recipient is not connected to this meeting")));
			}
		}
	}

	/**
	 * The frontend never announces its screen share; its offers show it (a video stream
	 * without audio). The others hear of it as if it had, and the sharer offers to later
	 * newcomers, so that they receive the screen too.
	 */
	private void inferScreenShare(Connection connection, String sdp) {
		UUID meetingId = connection.meetingId();
		UUID userId = connection.userId();
		boolean sharing = ScreenShares.inOffer(sdp);
		if (sharing == connection.sharing()) {
			return;
		}
		connection.sharing(sharing);
		if (sharing) {
			this.directory.startSharing(meetingId, userId);
			updateParticipant(connection, Map.of("is_sharing", true));
			broadcast(meetingId, userId, frame(ServerMessage.screenShareStarted(meetingId, userId,
					connection.user().username(), this.clock.instant())));
		}
		else if (this.directory.stopSharing(meetingId, userId)) {
			updateParticipant(connection, Map.of("is_sharing", false));
			broadcast(meetingId, userId, frame(ServerMessage.screenShareStopped(meetingId, userId)));
		}
	}

	private void mediaStateChanged(Connection connection, ClientMessage.MediaStateChanged state) {
		if (!connection.admitted()) {
			return;
		}
		updateParticipant(connection, Map.of("is_muted", state.isMuted(), "is_video_on", state.isVideoOn()));
		broadcast(connection.meetingId(), connection.userId(), frame(ServerMessage
			.mediaStateChanged(connection.meetingId(), connection.userId(), state.isMuted(), state.isVideoOn())));
	}

	private void screenShareStarted(Connection connection, ClientMessage.ScreenShareStarted started) {
		if (!connection.admitted()) {
			return;
		}
		this.directory.startSharing(connection.meetingId(), connection.userId());
		connection.sharing(true);
		String username = (started.username() != null && !started.username().isBlank()) ? started.username()
				: connection.user().username();
		updateParticipant(connection, Map.of("is_sharing", true));
		broadcast(connection.meetingId(), connection.userId(), frame(ServerMessage
			.screenShareStarted(connection.meetingId(), connection.userId(), username, this.clock.instant())));
	}

	private void screenShareStopped(Connection connection) {
		if (!connection.admitted()) {
			return;
		}
		this.directory.stopSharing(connection.meetingId(), connection.userId());
		connection.sharing(false);
		updateParticipant(connection, Map.of("is_sharing", false));
		broadcast(connection.meetingId(), connection.userId(),
				frame(ServerMessage.screenShareStopped(connection.meetingId(), connection.userId())));
	}

	private void hostJoin(Connection connection) {
		Optional<Standing> standing = this.meetings.standing(connection.meetingId(), connection.userId());
		if (standing.isEmpty() || !standing.get().isHost()) {
			connection.send(frame(ServerMessage.error("Only the meeting's host can host-join")));
			return;
		}
		admit(connection, true);
		sendKnocks(connection);
	}

	private void joinRequest(Connection connection) {
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
			connection.send(frame(ServerMessage.joinRejected(meetingId, user.id())));
		}
		else if (standing.mustWait()) {
			connection.send(frame(ServerMessage.joinRequestPending(meetingId)));
			// the deciders hear of a guest once; a host who connects later gets every
			// waiting knock
			if (firstKnock) {
				tellDeciders(meetingId, standing.hostId(), frame(ServerMessage.pendingJoinRequest(meetingId, user.id(),
						knock.username(), knock.email(), knock.at())));
			}
		}
		else {
			connection
				.send(frame(ServerMessage.joinApproved(meetingId, user.id(), "admitted".equals(standing.admission()))));
			admit(connection, standing.mayModerate());
			if (standing.mayModerate()) {
				sendKnocks(connection);
			}
		}
	}

	private void decide(Connection connection, ClientMessage.Decision decision) {
		UUID meetingId = connection.meetingId();
		try {
			this.meetings.decide(meetingId, decision.userId(), connection.userId(), decision.admit());
		}
		catch (DecisionRefusedException ex) {
			connection.send(frame(ServerMessage.error(ex.getMessage())));
			return;
		}
		this.directory.forgetKnock(meetingId, decision.userId());
		this.directory.socket(meetingId, decision.userId())
			.ifPresent((socket) -> toSocket(socket.node(), new NodeMessage(
					decision.admit() ? NodeMessage.Kind.ADMIT : NodeMessage.Kind.REJECT, socket.connection(), null)));
	}

	private void leave(Connection connection) {
		if (connection.admitted()
				&& this.directory.removePeer(connection.meetingId(), connection.userId(), connection.id())) {
			connection.unadmit();
			announceDeparture(connection.meetingId(), connection.userId(), connection.user().username());
		}
	}

	/**
	 * A waiting socket's user was let in; both decision paths may arrive, only one acts.
	 */
	private void admitted(Connection connection) {
		synchronized (connection) {
			if (connection.admitted() || !connection.knocked() || connection.closed()) {
				return;
			}
			connection.send(frame(ServerMessage.joinApproved(connection.meetingId(), connection.userId(), false)));
			admit(connection, false);
		}
	}

	private void rejected(Connection connection) {
		synchronized (connection) {
			if (connection.admitted() || !connection.knocked() || connection.closed()) {
				return;
			}
			connection.send(frame(ServerMessage.joinRejected(connection.meetingId(), connection.userId())));
			// so that the same decision heard again (a redelivered event) is not told
			// twice
			connection.knockRefused();
		}
	}

	/**
	 * Gives the socket its user's place in the meeting: whoever held it before is
	 * announced as gone first, and the newcomer later learns whom to offer to.
	 */
	private void admit(Connection connection, boolean moderator) {
		UUID meetingId = connection.meetingId();
		UUID userId = connection.userId();
		Peer peer = new Peer(userId, connection.user().username(), this.relay.node(), connection.id(), moderator, 0);
		Optional<Peer> previous = this.directory.admit(meetingId, peer);
		previous.ifPresent((replaced) -> {
			broadcast(meetingId, userId,
					frame(ServerMessage.peerLeft(meetingId, userId, connection.user().username())));
			if (!replaced.connection().equals(connection.id())) {
				toSocket(replaced.node(), new NodeMessage(NodeMessage.Kind.CLOSE, replaced.connection(), null));
			}
		});
		enter(connection);
		List<Peer> before = this.directory.peers(meetingId)
			.stream()
			.filter((other) -> !other.userId().equals(userId) && !other.vacated())
			.toList();
		Optional<UUID> sharer = this.directory.sharer(meetingId).filter((id) -> !id.equals(userId));
		connection.introduceLater(this.scheduler.schedule(() -> introduce(connection, before, sharer),
				this.clock.instant().plus(this.properties.offerDelay())));
	}

	/**
	 * The socket holds its user's place from now on, sharing their screen if they were.
	 */
	private void enter(Connection connection) {
		connection.admit();
		connection
			.sharing(this.directory.sharer(connection.meetingId()).filter(connection.userId()::equals).isPresent());
		this.directory.clearAbsence(connection.meetingId(), connection.userId());
	}

	/** Tells the newcomer whom to offer to (or the sharer to offer to the newcomer). */
	private void introduce(Connection connection, List<Peer> before, Optional<UUID> sharer) {
		UUID meetingId = connection.meetingId();
		boolean stillHere = connection.admitted() && this.directory.peer(meetingId, connection.userId())
			.filter((peer) -> peer.connection().equals(connection.id()))
			.isPresent();
		if (!stillHere) {
			return;
		}
		List<ServerMessage.PeerData> ready = new ArrayList<>();
		for (Peer other : before) {
			Optional<Peer> current = this.directory.peer(meetingId, other.userId()).filter((peer) -> !peer.vacated());
			if (current.isEmpty()) {
				continue;
			}
			if (sharer.isPresent() && sharer.get().equals(other.userId())) {
				deliver(current.get().node(), current.get().connection(),
						frame(ServerMessage.peerJoined(meetingId, connection.userId(), connection.user().username())));
			}
			else {
				connection.send(frame(ServerMessage.peerJoined(meetingId, other.userId(), other.username())));
			}
			ready.add(new ServerMessage.PeerData(other.userId(), other.username()));
		}
		if (!ready.isEmpty()) {
			connection.send(frame(ServerMessage.ready(meetingId, ready)));
		}
		sharer.flatMap((id) -> this.directory.peer(meetingId, id))
			.ifPresent((peer) -> connection.send(frame(ServerMessage.screenShareStarted(meetingId, peer.userId(),
					peer.username(), this.clock.instant()))));
	}

	/** The grace is over and no socket took the place: the user is gone. */
	private void expire(UUID meetingId, Peer vacated) {
		if (this.directory.removePeer(meetingId, vacated.userId(), vacated.connection())) {
			announceDeparture(meetingId, vacated.userId(), vacated.username());
		}
	}

	private void takeOver(UUID meetingId, Peer vacated, Socket newer) {
		if (this.directory.replacePeer(meetingId, vacated.connection(),
				vacated.movedTo(newer.node(), newer.connection()))) {
			toSocket(newer.node(), new NodeMessage(NodeMessage.Kind.TAKE_OVER, newer.connection(), null));
			this.directory.clearAbsence(meetingId, vacated.userId());
		}
	}

	/**
	 * Tells the others that the user's place is empty; a sharer's screen goes with them.
	 * From now the user is absent and becomes a ghost unless a socket of theirs returns.
	 */
	void announceDeparture(UUID meetingId, UUID userId, String username) {
		if (this.directory.stopSharing(meetingId, userId)) {
			broadcast(meetingId, userId, frame(ServerMessage.screenShareStopped(meetingId, userId)));
		}
		broadcast(meetingId, userId, frame(ServerMessage.peerLeft(meetingId, userId, username)));
		this.directory.markAbsent(meetingId, userId, this.properties.ghostTimeout());
	}

	/**
	 * The host and the moderators hear of a knock, wherever their sockets are, once: a
	 * decider coming in meanwhile may also find it in the list it gets
	 * ({@link #sendKnocks}), the same frame.
	 */
	private void tellDeciders(UUID meetingId, UUID hostId, String frame) {
		Optional<Socket> host = this.directory.socket(meetingId, hostId);
		host.ifPresent((socket) -> toSocket(socket.node(),
				new NodeMessage(NodeMessage.Kind.SEND_ONCE, socket.connection(), frame)));
		for (Peer peer : this.directory.peers(meetingId)) {
			boolean hostSocket = host.map((socket) -> socket.connection().equals(peer.connection())).orElse(false);
			if (peer.moderator() && !peer.vacated() && !hostSocket) {
				toSocket(peer.node(), new NodeMessage(NodeMessage.Kind.SEND_ONCE, peer.connection(), frame));
			}
		}
	}

	/** Everyone still waiting, for a host or moderator who has just come in. */
	private void sendKnocks(Connection connection) {
		UUID meetingId = connection.meetingId();
		for (var participant : this.meetings.waiting(meetingId)) {
			UUID userId = UUID.fromString(participant.path("user").path("id").asString());
			Knock knock = this.directory.knock(meetingId, userId)
				.orElseGet(() -> new Knock(userId, participant.path("user").path("username").asString(), "",
						this.clock.instant()));
			connection.sendOnce(frame(
					ServerMessage.pendingJoinRequest(meetingId, userId, knock.username(), knock.email(), knock.at())));
		}
	}

	private void broadcast(UUID meetingId, UUID exceptUserId, String frame) {
		for (Peer peer : this.directory.peers(meetingId)) {
			if (!peer.vacated() && !peer.userId().equals(exceptUserId)) {
				deliver(peer.node(), peer.connection(), frame);
			}
		}
	}

	private void deliver(String node, UUID connection, String frame) {
		toSocket(node, new NodeMessage(NodeMessage.Kind.SEND, connection, frame));
	}

	private void toSocket(String node, NodeMessage message) {
		if (this.relay.isLocal(node)) {
			handle(message);
		}
		else {
			this.relay.publish(node, message);
		}
	}

	private void updateParticipant(Connection connection, Map<String, Boolean> state) {
		try {
			this.meetings.updateState(connection.meetingId(), connection.userId(), state);
		}
		catch (RuntimeException ex) {
			log.warn("Could not record {} of user {} in meeting {}: {}", state, connection.userId(),
					connection.meetingId(), ex.getMessage());
		}
	}

	private String frame(ServerMessage message) {
		return this.json.writeValueAsString(message);
	}

}
