package app.meet.signaling.routing;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router of a single instance: every socket is here, so every message goes straight
 * to the handler. A message for another instance (one that shared the directory before
 * this one was configured alone) has nobody to go to and is dropped.
 */
final class LocalRouter implements Router {

	private static final Logger log = LoggerFactory.getLogger(LocalRouter.class);

	private final String node;

	private final Supplier<NodeMessageHandler> handler;

	public LocalRouter(String node, Supplier<NodeMessageHandler> handler) {
		this.node = node;
		this.handler = handler;
	}

	@Override
	public String node() {
		return this.node;
	}

	@Override
	public void send(String node, NodeMessage message) {
		if (isLocal(node)) {
			this.handler.get().handle(message);
		}
		else {
			log.debug("Dropping a {} for instance {}: this instance routes locally", message.kind(), node);
		}
	}

}
