package app.meet.signaling.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.tracing.TraceContext;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Routes between instances through Redis pub/sub: each instance listens on a channel of
 * its own, and hands what arrives there, like its own messages, to its
 * {@link LocalRouter}. One connection publishes and one thread delivers, so what one
 * instance sends another arrives in the order sent. Each hop is measured
 * ({@code meet_signaling_relay_latency}) and handled in the trace of the frame that
 * caused it.
 */
final class RedisRouter implements Router, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RedisRouter.class);

	private static final String CHANNEL_PREFIX = "meet:signaling:node:";

	private final LocalRouter local;

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final ObservationRegistry observations;

	private final Timer hop;

	private final RedisMessageListenerContainer listener = new RedisMessageListenerContainer();

	public RedisRouter(LocalRouter local, StringRedisTemplate redis, JsonMapper json, MeterRegistry meters,
			ObservationRegistry observations) {
		this.local = local;
		this.redis = redis;
		this.json = json;
		this.observations = observations;
		this.hop = Timer.builder("meet.signaling.relay.latency")
			.description("From a message's publication by one instance to its handling by the one holding the socket")
			.publishPercentileHistogram()
			.register(meters);
		this.listener.setConnectionFactory(redis.getRequiredConnectionFactory());
		// one thread, so that messages are handled in the order Redis delivers them
		this.listener.setTaskExecutor(Executors
			.newSingleThreadExecutor(Thread.ofPlatform().name("node-messages").daemon().factory())::execute);
		this.listener.addMessageListener((message, pattern) -> received(message),
				new ChannelTopic(channel(local.node())));
	}

	@Override
	public String node() {
		return this.local.node();
	}

	@Override
	public void send(String node, NodeMessage message) {
		if (isLocal(node)) {
			this.local.send(node, message);
		}
		else {
			this.redis.convertAndSend(channel(node),
					this.json.writeValueAsString(new Envelope(message, Instant.now(), TraceContext.current())));
		}
	}

	private void received(Message message) {
		try {
			Envelope envelope = this.json.readValue(message.getBody(), Envelope.class);
			this.hop.record(Duration.between(envelope.sentAt(), Instant.now()));
			try (Scope trace = TraceContext.orNone(envelope.trace()).resume()) {
				String kind = envelope.message().kind().name().toLowerCase(Locale.ROOT);
				Observation.createNotStarted("meet.signaling.relayed", this.observations)
					.lowCardinalityKeyValue("kind", kind)
					.contextualName("signaling relayed " + kind)
					.observe(() -> this.local.send(node(), envelope.message()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring a message from another instance that could not be handled: {}", ex.getMessage());
		}
	}

	@Override
	public void start() {
		this.listener.afterPropertiesSet();
		this.listener.start();
	}

	@Override
	public void stop() {
		this.listener.stop();
	}

	@Override
	public boolean isRunning() {
		return this.listener.isRunning();
	}

	/**
	 * A message on its way to another instance, with when it was sent (to measure the
	 * hop) and the trace of the frame that caused it.
	 */
	record Envelope(NodeMessage message, Instant sentAt, @Nullable TraceContext trace) {

	}

	private static String channel(String node) {
		return CHANNEL_PREFIX + node;
	}

}
