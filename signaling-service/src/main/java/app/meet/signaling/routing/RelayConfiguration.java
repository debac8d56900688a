package app.meet.signaling.routing;

import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RelayConfiguration.class);

	/** Hands the messages addressed to this instance to its handler. */
	@Bean
	RedisMessageListenerContainer nodeMessages(RedisConnectionFactory connections, Relay relay,
			NodeMessageHandler handler) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		// one thread, so that messages are handled in the order Redis delivers them
		container.setTaskExecutor(Executors
			.newSingleThreadExecutor(Thread.ofPlatform().name("node-messages").daemon().factory())::execute);
		container.addMessageListener((message, pattern) -> {
			try {
				handler.handle(relay.read(message.getBody()));
			}
			catch (RuntimeException ex) {
				log.warn("Ignoring a message from another instance that could not be handled: {}", ex.getMessage());
			}
		}, new ChannelTopic(relay.ownChannel()));
		return container;
	}

}
