package app.meet.chat.feed;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.chat.user.UserDirectory;
import app.meet.chat.user.UserView;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.EventEnvelope;

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
		EventEnvelope envelope = EventEnvelope.fromKafkaRecord(record);
		if (!this.appliedEvents.firstDelivery(envelope.id())) {
			return;
		}
		JsonNode user = this.json.readTree(record.value().getBytes(StandardCharsets.UTF_8)).get("user");
		if (user != null) {
			this.users.apply(this.json.treeToValue(user, UserView.class), envelope.time());
		}
	}

}
