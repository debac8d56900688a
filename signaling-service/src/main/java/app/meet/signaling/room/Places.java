package app.meet.signaling.room;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.meet.signaling.config.SignalingProperties;
import app.meet.signaling.protocol.ServerMessage;
import app.meet.signaling.routing.Directory;
import app.meet.signaling.routing.NodeMessage;
import app.meet.signaling.routing.Peer;
import app.meet.signaling.routing.Router;
import app.meet.signaling.routing.Socket;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * A user's one place in a meeting, held by one admitted socket on whichever instance (a
 * {@link Peer} in the {@link Directory}).
 * <ul>
 * <li>Admitting a socket gives it the place: whoever held it before is announced as gone
 * ({@code peer-left}) and closed; a second later the newcomer learns whom to offer
 * to.</li>
 * <li>A socket closing leaves its place vacant for the take-over grace; a new socket of
 * the same user takes it over silently, else the others hear {@code peer-left}.</li>
 * </ul>
 */
@Component
class Places {

	private final Directory directory;

	private final Router router;

	private final Deliveries deliveries;

	private final ScreenSharing screens;

	private final LocalConnections local;

	private final TaskScheduler scheduler;

	private final SignalingProperties properties;

	private final Clock clock;

	Places(Directory directory, Router router, Deliveries deliveries, ScreenSharing screens, LocalConnections local,
			TaskScheduler scheduler, SignalingProperties properties, Clock clock) {
		this.directory = directory;
		this.router = router;
		this.deliveries = deliveries;
		this.screens = screens;
		this.local = local;
		this.scheduler = scheduler;
		this.properties = properties;
		this.clock = clock;
	}

	/** A new socket of a user whose place is vacant takes it over, silently. */
	void takeOverVacated(Connection connection) {
		UUID meetingId = connection.meetingId();
		this.directory.peer(meetingId, connection.userId()).filter(Peer::vacated).ifPresent((vacated) -> {
			if (this.directory.replacePeer(meetingId, vacated.connection(),
					vacated.movedTo(this.router.node(), connection.id()))) {
				enter(connection);
			}
		});
	}

	/**
	 * Gives the socket its user's place in the meeting: whoever held it before is
	 * announced as gone first, and the newcomer later learns whom to offer to.
	 */
	void admit(Connection connection, boolean moderator) {
		UUID meetingId = connection.meetingId();
		UUID userId = connection.userId();
		Peer peer = new Peer(userId, connection.user().username(), this.router.node(), connection.id(), moderator, 0);
		this.directory.admit(meetingId, peer).ifPresent((replaced) -> {
			this.deliveries.broadcast(meetingId, userId,
					new ServerMessage.PeerLeft(meetingId, userId, connection.user().username()));
			if (!replaced.connection().equals(connection.id())) {
				this.deliveries.command(replaced.node(), replaced.connection(), NodeMessage.Kind.CLOSE);
			}
		});
		enter(connection);
		List<Peer> before = this.directory.peers(meetingId)
			.stream()
			.filter((other) -> !other.userId().equals(userId) && !other.vacated())
			.toList();
		Optional<UUID> sharer = this.screens.sharerOtherThan(meetingId, userId);
		connection.introduceLater(this.scheduler.schedule(() -> introduce(connection, before, sharer),
				this.clock.instant().plus(this.properties.offerDelay())));
	}

	/**
	 * The socket holds its user's place from now on, sharing their screen if they were.
	 */
	void enter(Connection connection) {
		connection.admit();
		connection.sharing(this.screens.isSharer(connection.meetingId(), connection.userId()));
		this.directory.clearAbsence(connection.meetingId(), connection.userId());
	}

	/** Tells the newcomer whom to offer to (or the sharer to offer to the newcomer). */
	private void introduce(Connection connection, List<Peer> before, Optional<UUID> sharer) {
		UUID meetingId = connection.meetingId();
		if (!holdsPlace(connection)) {
			return;
		}
		List<ServerMessage.PeerData> ready = new ArrayList<>();
		for (Peer other : before) {
			Optional<Peer> current = this.directory.peer(meetingId, other.userId()).filter((peer) -> !peer.vacated());
			if (current.isEmpty()) {
				continue;
			}
			if (sharer.isPresent() && sharer.get().equals(other.userId())) {
				this.deliveries.send(current.get().node(), current.get().connection(),
						new ServerMessage.PeerJoined(meetingId, connection.userId(), connection.user().username()));
			}
			else {
				this.deliveries.send(connection,
						new ServerMessage.PeerJoined(meetingId, other.userId(), other.username()));
			}
			ready.add(new ServerMessage.PeerData(other.userId(), other.username()));
		}
		if (!ready.isEmpty()) {
			this.deliveries.send(connection, new ServerMessage.Ready(meetingId, ready));
		}
		sharer.flatMap((id) -> this.directory.peer(meetingId, id))
			.ifPresent((peer) -> this.deliveries.send(connection, new ServerMessage.ScreenShareStarted(meetingId,
					peer.userId(), peer.username(), this.clock.instant())));
	}

	private boolean holdsPlace(Connection connection) {
		return connection.admitted() && this.directory.peer(connection.meetingId(), connection.userId())
			.filter((peer) -> peer.connection().equals(connection.id()))
			.isPresent();
	}

	/**
	 * The socket closed. If it held its user's place, the place waits for the take-over
	 * grace (or goes at once to a newer socket of the user); while this instance
	 * restarts, it waits as after a crash, for another instance's sweep.
	 */
	void vacate(Connection connection, boolean restarting) {
		UUID meetingId = connection.meetingId();
		UUID userId = connection.userId();
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
		else if (!restarting) {
			this.scheduler.schedule(() -> expire(meetingId, vacated),
					this.clock.instant().plus(this.properties.takeoverGrace()));
		}
	}

	private void takeOver(UUID meetingId, Peer vacated, Socket newer) {
		if (this.directory.replacePeer(meetingId, vacated.connection(),
				vacated.movedTo(newer.node(), newer.connection()))) {
			this.deliveries.command(newer.node(), newer.connection(), NodeMessage.Kind.TAKE_OVER);
			this.directory.clearAbsence(meetingId, vacated.userId());
		}
	}

	/** The grace is over and no socket took the place: the user is gone. */
	private void expire(UUID meetingId, Peer vacated) {
		if (this.directory.removePeer(meetingId, vacated.userId(), vacated.connection())) {
			announceDeparture(meetingId, vacated.userId(), vacated.username());
		}
	}

	/** The user leaves the call; the socket stays open, pending. */
	void leave(Connection connection) {
		if (connection.admitted()
				&& this.directory.removePeer(connection.meetingId(), connection.userId(), connection.id())) {
			connection.unadmit();
			announceDeparture(connection.meetingId(), connection.userId(), connection.user().username());
		}
	}

	/** The user left the meeting or was removed: their sockets close. */
	void participantGone(UUID meetingId, UUID userId, String reason) {
		for (Connection connection : this.local.of(meetingId, userId)) {
			if (this.directory.removePeer(meetingId, userId, connection.id())) {
				announceDeparture(meetingId, userId, connection.user().username());
			}
			connection.close(CloseStatus.NORMAL.withReason(reason));
		}
		this.directory.clearAbsence(meetingId, userId);
	}

	/** The meeting ended: every socket of it closes. */
	void meetingEnded(UUID meetingId) {
		for (Connection connection : this.local.of(meetingId)) {
			connection.close(CloseStatus.NORMAL.withReason("The meeting has ended"));
		}
		this.directory.forget(meetingId);
	}

	/** Whether the user has a socket in the meeting on a live instance. */
	boolean isPresent(UUID meetingId, UUID userId) {
		return this.directory.peer(meetingId, userId).filter((peer) -> live(peer.node())).isPresent()
				|| this.directory.socket(meetingId, userId).filter((socket) -> live(socket.node())).isPresent();
	}

	private boolean live(String node) {
		return this.router.isLocal(node) || this.directory.alive(node);
	}

	/**
	 * Tells the others that the user's place is empty; a sharer's screen goes with them.
	 * From now the user is absent and becomes a ghost unless a socket of theirs returns.
	 */
	void announceDeparture(UUID meetingId, UUID userId, String username) {
		this.screens.endWith(meetingId, userId);
		this.deliveries.broadcast(meetingId, userId, new ServerMessage.PeerLeft(meetingId, userId, username));
		this.directory.markAbsent(meetingId, userId, this.properties.ghostTimeout());
	}

}
