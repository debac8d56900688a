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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.platform.tracing.TraceContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RelayConfiguration.class);

	/**
	 * Hands the messages addressed to this instance to its handler, in the trace that
	 * sent them, and measures each hop ({@code meet_signaling_relay_latency}).
	 */
	@Bean
	RedisMessageListenerContainer nodeMessages(RedisConnectionFactory connections, Relay relay,
			NodeMessageHandler handler, MeterRegistry meters, ObservationRegistry observations) {
		Timer hop = Timer.builder("meet.signaling.relay.latency")
			.description("From a message's publication by one instance to its handling by the one holding the socket")
			.publishPercentileHistogram()
			.register(meters);
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		// one thread, so that messages are handled in the order Redis delivers them
		container.setTaskExecutor(Executors
			.newSingleThreadExecutor(Thread.ofPlatform().name("node-messages").daemon().factory())::execute);
		container.addMessageListener((message, pattern) -> {
			try {
				Relay.Relayed relayed = relay.read(message.getBody());
				hop.record(Duration.between(relayed.sentAt(), Instant.now()));
				try (Scope trace = TraceContext.orNone(relayed.trace()).resume()) {
					String kind = relayed.message().kind().name().toLowerCase(Locale.ROOT);
					Observation.createNotStarted("meet.signaling.relayed", observations)
						.lowCardinalityKeyValue("kind", kind)
						.contextualName("signaling relayed " + kind)
						.observe(() -> handler.handle(relayed.message()));
				}
			}
			catch (RuntimeException ex) {
				log.warn("Ignoring a message from another instance that could not be handled: {}", ex.getMessage());
			}
		}, new ChannelTopic(relay.ownChannel()));
		return container;
	}

}
