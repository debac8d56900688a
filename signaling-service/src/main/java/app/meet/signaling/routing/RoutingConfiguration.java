package app.meet.signaling.routing;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import app.meet.signaling.config.SignalingProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@link Router} {@code meet.signaling.router} names. The handler is looked up on the
 * first message: it acts through the router itself.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	@Bean
	@ConditionalOnProperty(name = "meet.signaling.router", havingValue = "redis", matchIfMissing = true)
	RedisRouter redisRouter(SignalingProperties properties, StringRedisTemplate redis, JsonMapper json,
			ObjectProvider<NodeMessageHandler> handler, MeterRegistry meters, ObservationRegistry observations) {
		return new RedisRouter(new LocalRouter(nodeName(properties), handler::getObject), redis, json, meters,
				observations);
	}

	@Bean
	@ConditionalOnProperty(name = "meet.signaling.router", havingValue = "local")
	LocalRouter localRouter(SignalingProperties properties, ObjectProvider<NodeMessageHandler> handler) {
		return new LocalRouter(nodeName(properties), handler::getObject);
	}

	/**
	 * The instance's name with a suffix of its own: a restarted instance is a new node.
	 */
	private static String nodeName(SignalingProperties properties) {
		return properties.instance() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
