package app.meet.meeting;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.devstack.test.EventFeed;
import app.meet.platform.events.EventEnvelope;
import app.meet.platform.users.UserDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service's events, as they arrive on the real broker, keep meeting-service's copy
 * of a user; an event delivered twice, right away or again after a later one (as after a
 * rebalance), is applied once and never undoes the later one.
 */
@SpringBootTest
@EmbeddedInfrastructure
class UserEventsIntegrationTests {

	/**
	 * Every record of the test goes to this partition, so that they are applied in the
	 * order sent even though they are about different users.
	 */
	private static final int PARTITION = 0;

	@Autowired
	private UserDirectory users;

	@Autowired
	private JdbcClient jdbc;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@Test
	void aRedeliveredEventIsAppliedOnceAndDoesNotUndoALaterOne() {
		UUID userId = UUID.randomUUID();
		Instant registeredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		ProducerRecord<String, String> registered = event(userId, registeredAt, "meet.user.registered", registeredAt,
				"Rita", "");
		Instant updatedAt = registeredAt.plusSeconds(1);
		String avatar = "/api/users/" + userId + "/avatar";
		ProducerRecord<String, String> updated = event(userId, registeredAt, "meet.user.updated", updatedAt,
				"Rita Renamed", avatar);
		try (KafkaProducer<String, String> producer = EventFeed.producer(this.bootstrapServers)) {
			send(producer, registered);
			send(producer, registered);
			send(producer, updated);
			send(producer, registered);
			send(producer, updated);
			Instant now = Instant.now();
			EventFeed.awaitApplied(
					applied(send(producer, event(UUID.randomUUID(), now, "meet.user.registered", now, "Marker", ""))));
		}

		assertThat(this.users.find(userId)).hasValueSatisfying((user) -> {
			assertThat(user.name()).as("the redelivered registration changed nothing").isEqualTo("Rita Renamed");
			assertThat(user.avatarUrl()).isEqualTo(avatar);
			assertThat(user.createdAt()).isEqualTo(registeredAt);
		});
		assertThat(this.jdbc.sql("SELECT updated_at FROM users WHERE id = :id")
			.param("id", userId)
			.query(Timestamp.class)
			.single()
			.toInstant()).as("as of the update").isEqualTo(updatedAt);
	}

	/**
	 * A new event as auth-service's outbox publishes it; sent again, it is a redelivery
	 * of the same event.
	 */
	private static ProducerRecord<String, String> event(UUID userId, Instant createdAt, String type, Instant time,
			String name, String avatarUrl) {
		String key = userId.toString();
		String value = "{\"user\":{\"id\":\"" + userId + "\",\"username\":\"u" + key.substring(0, 8) + "\",\"name\":\""
				+ name + "\",\"avatar_url\":\"" + avatarUrl + "\",\"created_at\":\"" + createdAt + "\"}}";
		return new ProducerRecord<>("auth.events", PARTITION, key, value,
				new EventEnvelope(UUID.randomUUID().toString(), "auth-service", type, time, key).toKafkaHeaders());
	}

	/** Sends the record; answers its event id. */
	private static String send(KafkaProducer<String, String> producer, ProducerRecord<String, String> record) {
		producer.send(record);
		producer.flush();
		return EventEnvelope.fromKafkaHeaders(record.headers()).id();
	}

	private BooleanSupplier applied(String eventId) {
		return () -> this.jdbc.sql("SELECT count(*) FROM applied_events WHERE event_id = :id")
			.param("id", eventId)
			.query(Integer.class)
			.single() == 1;
	}

}
