package app.meet.platform.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** A {@code kafka} health contributor, part of every service's readiness. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({ KafkaAdmin.class, org.springframework.boot.health.contributor.HealthIndicator.class })
@ConditionalOnBean(KafkaAdmin.class)
@ConditionalOnEnabledHealthIndicator("kafka")
public class KafkaHealthAutoConfiguration {

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
		return new KafkaHealthIndicator(admin.getConfigurationProperties());
	}

}
