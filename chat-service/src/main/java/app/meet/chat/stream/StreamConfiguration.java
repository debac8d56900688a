package app.meet.chat.stream;

import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StreamConfiguration.class);

	/** Hands every instance's stream notices to this instance's hub. */
	@Bean
	RedisMessageListenerContainer streamNotices(RedisConnectionFactory connections, StreamRelay relay, StreamHub hub) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		// one thread, so that notices reach the hub in the order Redis delivers them
		container.setTaskExecutor(Executors
			.newSingleThreadExecutor(Thread.ofPlatform().name("stream-notices").daemon().factory())::execute);
		container.addMessageListener((notice, pattern) -> {
			try {
				hub.offer(relay.read(notice));
			}
			catch (RuntimeException ex) {
				log.warn("Ignoring a stream notice that could not be handled: {}", ex.getMessage());
			}
		}, new ChannelTopic(StreamRelay.CHANNEL));
		return container;
	}

}
