package app.meet.signaling.routing;

/**
 * Carries {@link NodeMessage}s to the instance holding a socket, wherever the directory
 * says it is. A message for a socket of this instance goes straight to the
 * {@link NodeMessageHandler}, as it is; only a message for another instance is put in an
 * envelope and sent. {@code meet.signaling.router} chooses the implementation:
 * {@link RedisRouter} (any number of instances) or {@link LocalRouter} (one).
 */
public interface Router {

	/** This instance's name in the directory, new on every start. */
	String node();

	default boolean isLocal(String node) {
		return node().equals(node);
	}

	/** Hands the message to the instance named {@code node}. */
	void send(String node, NodeMessage message);

}
