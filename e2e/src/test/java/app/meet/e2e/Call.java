package app.meet.e2e;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;

import app.meet.e2e.Rooms.Room;
import app.meet.e2e.Rooms.User;

/**
 * A host and a guest in a call, each on a signaling socket: the host is in first, the
 * guest asks, is let in and joins, and is told to offer to the host.
 */
record Call(SignalSocket host, SignalSocket guest) implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** Both through the gateway. */
	static Call open(Rooms rooms, Room room, User guest, String gatewayUrl) throws WebSocketHandshakeException {
		return open(rooms, room, guest, SignalSocket.open(gatewayUrl, room.id(), room.host().token()),
				SignalSocket.open(gatewayUrl, room.id(), guest.token()));
	}

	/** Straight to the signaling instances given, the host's and the guest's. */
	static Call open(Rooms rooms, Room room, User guest, String hostInstanceUrl, String guestInstanceUrl)
			throws WebSocketHandshakeException {
		return open(rooms, room, guest, SignalSocket.open(hostInstanceUrl, room.id(), room.host().token(), true),
				SignalSocket.open(guestInstanceUrl, room.id(), guest.token(), true));
	}

	private static Call open(Rooms rooms, Room room, User guest, SignalSocket host, SignalSocket guestSocket) {
		host.send(Map.of("type", "host-join", "data", Map.of()));
		host.send(Map.of("type", "ping"));
		host.await("pong", WAIT);
		guestSocket.send(Map.of("type", "join-request", "data", Map.of("host_user_id", room.host().id())));
		guestSocket.await("join-approved", WAIT);
		rooms.join(room, guest);
		guestSocket.await("peer-joined", WAIT);
		return new Call(host, guestSocket);
	}

	@Override
	public void close() {
		this.host.close();
		this.guest.close();
	}

}
