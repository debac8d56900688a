package app.meet.platform.events;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * {@link AppliedEvents} for a service that has a database and listens to Kafka; the
 * service's migrations create its {@code applied_events} table.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@ConditionalOnClass({ JdbcClient.class, KafkaListener.class })
@ConditionalOnBean(JdbcClient.class)
public class AppliedEventsAutoConfiguration {

	@Bean
	AppliedEvents appliedEvents(JdbcClient jdbc) {
		return new AppliedEvents(jdbc);
	}

}
