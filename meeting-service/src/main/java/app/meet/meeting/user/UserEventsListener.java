package app.meet.meeting.user;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.events.EventEnvelope;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps {@link UserDirectory} in step with auth-service, applying each event once. */
@Component
class UserEventsListener {

	private final UserDirectory directory;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	UserEventsListener(UserDirectory directory, JdbcClient jdbc, JsonMapper json) {
		this.directory = directory;
		this.jdbc = jdbc;
		this.json = json;
	}

	@KafkaListener(topics = "auth.events", groupId = "${spring.application.name}")
	@Transactional
	void on(ConsumerRecord<String, String> record) {
		EventEnvelope envelope = EventEnvelope.fromKafkaHeaders(record.headers());
		int fresh = this.jdbc
			.sql("INSERT INTO applied_events (event_id, applied_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
			.param("id", envelope.id())
			.param("now", Timestamp.from(Instant.now()))
			.update();
		if (fresh == 0) {
			return;
		}
		JsonNode user = this.json.readTree(record.value().getBytes(StandardCharsets.UTF_8)).get("user");
		if (user != null) {
			this.directory.apply(this.json.treeToValue(user, UserView.class), envelope.time());
		}
	}

}
