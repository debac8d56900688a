package app.meet.platform.events;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The transactional outbox's settings.
 *
 * @param topics the topics the service publishes to, created at start-up
 * @param retryInterval how often events that did not reach Kafka are handed to it again
 */
@ConfigurationProperties("meet.outbox")
public record OutboxProperties(@DefaultValue List<String> topics, @DefaultValue("5s") Duration retryInterval) {

}
