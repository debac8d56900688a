package app.meet.platform.events;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * The events' health as metrics: the outbox's backlog where a service has an outbox, and
 * its consumer groups' lag where it consumes.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
public class EventMetricsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ IncompleteEventPublications.class, JdbcClient.class })
	@ConditionalOnBean({ IncompleteEventPublications.class, JdbcClient.class, MeterRegistry.class })
	static class Outbox {

		@Bean
		OutboxMetrics outboxMetrics(JdbcClient jdbc, MeterRegistry meters) {
			return new OutboxMetrics(jdbc, meters);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(KafkaAdmin.class)
	@ConditionalOnBean({ KafkaAdmin.class, MeterRegistry.class })
	static class Consumers {

		@Bean
		ConsumerLagMetrics consumerLagMetrics(KafkaAdmin kafka, KafkaListenerEndpointRegistry listeners,
				MeterRegistry meters) {
			return new ConsumerLagMetrics(kafka, listeners, meters);
		}

	}

}
