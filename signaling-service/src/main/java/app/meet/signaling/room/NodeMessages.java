package app.meet.signaling.room;

import app.meet.signaling.routing.NodeMessage;
import app.meet.signaling.routing.NodeMessageHandler;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Acts on what the {@link app.meet.signaling.routing.Router} brings for a socket of this
 * instance, from this instance or another. A socket closed meanwhile is skipped.
 */
@Component
class NodeMessages implements NodeMessageHandler {

	private static final CloseStatus REPLACED = CloseStatus.NORMAL.withReason("Replaced by a newer connection");

	private final LocalConnections local;

	private final Places places;

	private final WaitingRoom waitingRoom;

	NodeMessages(LocalConnections local, Places places, WaitingRoom waitingRoom) {
		this.local = local;
		this.places = places;
		this.waitingRoom = waitingRoom;
	}

	@Override
	public void handle(NodeMessage message) {
		this.local.get(message.connection()).ifPresent((connection) -> {
			switch (message.kind()) {
				case SEND -> connection.send(message.frame());
				case SEND_ONCE -> connection.sendOnce(message.frame());
				case CLOSE -> connection.close(REPLACED);
				case TAKE_OVER -> this.places.enter(connection);
				case ADMIT -> this.waitingRoom.admitted(connection);
				case REJECT -> this.waitingRoom.rejected(connection);
			}
		});
	}

}
