package app.meet.platform.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Lettuce tries to reconnect to a Redis that went away with waits doubling up to 30 s, so
 * after an outage of half a minute a service would go on answering 503 for up to another
 * half minute. Capped at a second, every service is back within a second or two of Redis.
 */
@AutoConfiguration
@ConditionalOnClass(ClientResources.class)
public final class RedisReconnectAutoConfiguration {

	static final Duration LONGEST_RECONNECT_WAIT = Duration.ofSeconds(1);

	@Bean
	ClientResourcesBuilderCustomizer quickRedisReconnects() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ZERO, LONGEST_RECONNECT_WAIT, 2, TimeUnit.MILLISECONDS));
	}

}
