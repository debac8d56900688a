package app.meet.signaling.routing;

/** Acts on the {@link NodeMessage}s addressed to this instance. */
public interface NodeMessageHandler {

	void handle(NodeMessage message);

}
