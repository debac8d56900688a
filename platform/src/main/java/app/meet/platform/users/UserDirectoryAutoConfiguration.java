package app.meet.platform.users;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import app.meet.events.EventTopics;
import app.meet.events.auth.UserEvent;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.AppliedEventsAutoConfiguration;
import app.meet.platform.events.IncomingEvent;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a service's {@link UserDirectory}, when it declares one, in step with
 * auth-service: every {@code auth.events} event applied once.
 */
@AutoConfiguration(after = AppliedEventsAutoConfiguration.class)
@ConditionalOnClass(KafkaListener.class)
@ConditionalOnBean({ UserDirectory.class, AppliedEvents.class })
public class UserDirectoryAutoConfiguration {

	@Bean
	UserEventsListener userEventsListener(UserDirectory users, AppliedEvents appliedEvents, JsonMapper json) {
		return new UserEventsListener(users, appliedEvents, json);
	}

	static class UserEventsListener {

		private final UserDirectory users;

		private final AppliedEvents appliedEvents;

		private final JsonMapper json;

		UserEventsListener(UserDirectory users, AppliedEvents appliedEvents, JsonMapper json) {
			this.users = users;
			this.appliedEvents = appliedEvents;
			this.json = json;
		}

		@KafkaListener(topics = "auth.events", groupId = "${spring.application.name}")
		@Transactional
		void on(ConsumerRecord<String, String> record) {
			IncomingEvent<UserEvent> incoming = IncomingEvent.read(record, EventTopics.AUTH, this.json);
			if (!this.appliedEvents.firstDelivery(incoming.envelope().id())) {
				return;
			}
			// registered and updated alike carry the user as they now are
			this.users.apply(UserView.of(incoming.event().user()), incoming.envelope().time());
		}

	}

}
