package app.meet.meeting.user;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.EventEnvelope;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps {@link UserDirectory} in step with auth-service, applying each event once. */
@Component
class UserEventsListener {

	private final UserDirectory directory;

	private final AppliedEvents appliedEvents;

	private final JsonMapper json;

	UserEventsListener(UserDirectory directory, AppliedEvents appliedEvents, JsonMapper json) {
		this.directory = directory;
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
			this.directory.apply(this.json.treeToValue(user, UserView.class), envelope.time());
		}
	}

}
