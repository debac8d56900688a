package app.meet.chat.feed;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import app.meet.chat.user.UserDirectory;
import app.meet.chat.user.UserView;
import app.meet.events.EventTopics;
import app.meet.events.auth.UserEvent;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.IncomingEvent;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the {@link UserDirectory} in step with auth-service, applying each event once.
 */
@Component
class UserEventsListener {

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
