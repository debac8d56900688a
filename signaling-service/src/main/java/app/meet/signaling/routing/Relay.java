package app.meet.signaling.routing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.tracing.TraceContext;
import app.meet.signaling.config.SignalingProperties;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries {@link NodeMessage}s to the instance holding a socket, through its own Redis
 * pub/sub channel. One connection publishes and one thread delivers, so what one instance
 * sends another arrives in the order sent.
 */
@Component
public class Relay {

	private static final String CHANNEL_PREFIX = "meet:signaling:node:";

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final String node;

	Relay(StringRedisTemplate redis, JsonMapper json, SignalingProperties properties) {
		this.redis = redis;
		this.json = json;
		this.node = properties.instance() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** This instance's name in the directory, new on every start. */
	public String node() {
		return this.node;
	}

	public boolean isLocal(String node) {
		return this.node.equals(node);
	}

	public void publish(String node, NodeMessage message) {
		this.redis.convertAndSend(channel(node),
				this.json.writeValueAsString(new Relayed(message, Instant.now(), TraceContext.current())));
	}

	String ownChannel() {
		return channel(this.node);
	}

	Relayed read(byte[] body) {
		return this.json.readValue(new String(body, StandardCharsets.UTF_8), Relayed.class);
	}

	/**
	 * A message on its way, with when it was sent (to measure the hop) and the trace of
	 * the frame that caused it, which its handling on the receiving instance continues.
	 */
	record Relayed(NodeMessage message, Instant sentAt, @Nullable TraceContext trace) {

	}

	private static String channel(String node) {
		return CHANNEL_PREFIX + node;
	}

}
