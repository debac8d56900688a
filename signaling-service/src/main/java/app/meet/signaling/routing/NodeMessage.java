package app.meet.signaling.routing;

import java.util.UUID;

/**
 * What one instance asks of another about a socket it holds.
 *
 * @param kind what to do
 * @param connection the socket
 * @param frame the frame to send, for {@link Kind#SEND} and {@link Kind#SEND_ONCE}
 */
public record NodeMessage(Kind kind, UUID connection, String frame) {

	public enum Kind {

		/** Send the frame. */
		SEND,

		/**
		 * Send the frame unless the socket was sent the same one before: a knock a
		 * decider hears of as it happens and again in the list of those waiting that it
		 * gets on coming in.
		 */
		SEND_ONCE,

		/** Close the socket without announcing its user's departure (it was replaced). */
		CLOSE,

		/** The socket takes over its user's place in the meeting, silently. */
		TAKE_OVER,

		/** The socket's user was let in: tell them and admit the socket. */
		ADMIT,

		/** The socket's user was turned away. */
		REJECT

	}

}
