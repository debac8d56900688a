package app.meet.chat.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
class StreamConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StreamConfiguration.class);

	/**
	 * Hands every instance's stream notices to this instance's hub, and measures how long
	 * after its commit each event reaches the hub
	 * ({@code meet_chat_stream_delivery_lag}), which hands it to each stream's queue at
	 * once.
	 */
	@Bean
	RedisMessageListenerContainer streamNotices(RedisConnectionFactory connections, StreamRelay relay, StreamHub hub,
			MeterRegistry meters) {
		Timer deliveryLag = Timer.builder("meet.chat.stream.delivery.lag")
			.description("From an event's commit to its hand-over to this instance's open streams")
			.publishPercentileHistogram()
			.register(meters);
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		// one thread, so that notices reach the hub in the order Redis delivers them
		container.setTaskExecutor(Executors
			.newSingleThreadExecutor(Thread.ofPlatform().name("stream-notices").daemon().factory())::execute);
		container.addMessageListener((notice, pattern) -> {
			try {
				StreamRelay.Notice received = relay.read(notice);
				try (Scope trace = TraceContext.orNone(received.trace()).resume()) {
					hub.offer(received.event());
				}
				deliveryLag.record(Duration.between(received.announcedAt(), Instant.now()));
			}
			catch (RuntimeException ex) {
				log.warn("Ignoring a stream notice that could not be handled: {}", ex.getMessage());
			}
		}, new ChannelTopic(StreamRelay.CHANNEL));
		return container;
	}

}
