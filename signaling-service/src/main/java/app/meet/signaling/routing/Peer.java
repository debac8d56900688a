package app.meet.signaling.routing;

import java.util.UUID;

/**
 * A user's admitted socket in a meeting, wherever it is: the instance ({@code node})
 * holding it and its id there.
 *
 * @param moderator whether the user may admit others (they hear of knocks)
 * @param vacatedAt when the socket closed, in epoch milliseconds; 0 while it is open. A
 * vacated peer is kept for the take-over grace, so a new socket of the same user can step
 * in silently
 */
public record Peer(UUID userId, String username, String node, UUID connection, boolean moderator, long vacatedAt) {

	public boolean vacated() {
		return this.vacatedAt != 0;
	}

	public Peer vacate(long at) {
		return new Peer(this.userId, this.username, this.node, this.connection, this.moderator, at);
	}

	public Peer movedTo(String node, UUID connection) {
		return new Peer(this.userId, this.username, node, connection, this.moderator, 0);
	}

}
