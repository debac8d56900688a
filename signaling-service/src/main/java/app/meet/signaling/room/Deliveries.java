package app.meet.signaling.room;

import java.util.UUID;

import app.meet.signaling.protocol.ServerFrames;
import app.meet.signaling.protocol.ServerMessage;
import app.meet.signaling.routing.Directory;
import app.meet.signaling.routing.NodeMessage;
import app.meet.signaling.routing.Peer;
import app.meet.signaling.routing.Router;

import org.springframework.stereotype.Component;

/**
 * Server messages on their way to sockets: to a socket of this instance, to one anywhere
 * (through the {@link Router}), to every admitted peer of a meeting. Each message is
 * written once, however many sockets it goes to.
 */
@Component
class Deliveries {

	private final Directory directory;

	private final Router router;

	private final ServerFrames frames;

	Deliveries(Directory directory, Router router, ServerFrames frames) {
		this.directory = directory;
		this.router = router;
		this.frames = frames;
	}

	void send(Connection connection, ServerMessage message) {
		connection.send(this.frames.write(message));
	}

	/** Sends the message unless the socket was sent the same one before. */
	void sendOnce(Connection connection, ServerMessage message) {
		connection.sendOnce(this.frames.write(message));
	}

	void error(Connection connection, String message) {
		send(connection, new ServerMessage.ErrorMessage(message));
	}

	/** To a socket on whichever instance holds it. */
	void send(String node, UUID connection, ServerMessage message) {
		this.router.send(node, new NodeMessage(NodeMessage.Kind.SEND, connection, this.frames.write(message)));
	}

	void sendOnce(String node, UUID connection, ServerMessage message) {
		this.router.send(node, new NodeMessage(NodeMessage.Kind.SEND_ONCE, connection, this.frames.write(message)));
	}

	/** Asks whichever instance holds the socket to act on it. */
	void command(String node, UUID connection, NodeMessage.Kind kind) {
		this.router.send(node, new NodeMessage(kind, connection, null));
	}

	/** To every admitted peer of the meeting but the user's own. */
	void broadcast(UUID meetingId, UUID exceptUserId, ServerMessage message) {
		String frame = this.frames.write(message);
		for (Peer peer : this.directory.peers(meetingId)) {
			if (!peer.vacated() && !peer.userId().equals(exceptUserId)) {
				this.router.send(peer.node(), new NodeMessage(NodeMessage.Kind.SEND, peer.connection(), frame));
			}
		}
	}

}
