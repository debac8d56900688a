package app.meet.chat.feed;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import app.meet.chat.membership.Membership;
import app.meet.devstack.PostgresServer;
import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.devstack.test.EventFeed;
import app.meet.devstack.test.SharedInfrastructure;
import app.meet.events.EventSamples;
import app.meet.events.meeting.MeetingEvent;
import app.meet.platform.events.EventEnvelope;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events that cannot be applied at once, on the real broker and database: one that could
 * be applied later is retried until it is, however long the failure lasts; one that never
 * could goes to the dead-letter topic, and the events after it are applied.
 */
// a short connection timeout makes each try fail fast, as the default handler's ten tries
// without back-off did before a record was skipped
@SpringBootTest(properties = "spring.datasource.hikari.connection-timeout=500")
@EmbeddedInfrastructure
class ConsumerFailuresIntegrationTests {

	private static final Duration OUTAGE = Duration.ofSeconds(20);

	@Autowired
	private Membership membership;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JsonMapper json;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@Test
	void joinsArrivingWhileTheDatabaseRefusesConnectionsAreAllAppliedOnceItIsBack() throws Exception {
		UUID meetingId = UUID.randomUUID();
		List<UUID> guests = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		try (KafkaProducer<String, String> producer = EventFeed.producer(this.bootstrapServers)) {
			send(producer, meetingId, "meet.meeting.started", meeting(meetingId));
			await().atMost(Duration.ofSeconds(30)).until(() -> this.membership.meeting(meetingId).isPresent());

			refuseConnections(true);
			try {
				for (UUID guest : guests) {
					send(producer, meetingId, "meet.participant.joined", participant(meetingId, guest));
				}
				Thread.sleep(OUTAGE.toMillis());
			}
			finally {
				refuseConnections(false);
			}
		}
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (UUID guest : guests) {
				assertThat(this.membership.member(meetingId, guest)).as("guest %s", guest)
					.hasValueSatisfying((member) -> assertThat(member.active()).isTrue());
			}
		});
		assertThat(this.meters.counter("meet.events.retries", "topic", "meeting.events").count()).isPositive();
	}

	@Test
	void eventsThatCanNeverBeAppliedGoToTheDeadLetterTopicAndTheNextOneIsApplied() {
		UUID meetingId = UUID.randomUUID();
		String broken = UUID.randomUUID().toString();
		String unknown = UUID.randomUUID().toString();
		String newer = UUID.randomUUID().toString();
		double deadBefore = this.meters.counter("meet.events.dead.lettered", "topic", "meeting.events").count();
		try (KafkaProducer<String, String> producer = EventFeed.producer(this.bootstrapServers)) {
			send(producer, meetingId, "meet.meeting.started", "{\"meeting\":", broken);
			send(producer, meetingId, "meet.meeting.teleported", meeting(meetingId), unknown);
			send(producer, meetingId, "meet.meeting.started", meeting(meetingId), newer,
					"urn:meet:event:meet.meeting.started:2");
			send(producer, meetingId, "meet.meeting.started", meeting(meetingId), UUID.randomUUID().toString());
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.membership.meeting(meetingId).isPresent());

		List<ConsumerRecord<String, String>> deadLetters = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer()) {
			consumer.subscribe(List.of("meeting.events.DLT"));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> {
					if (List.of(broken, unknown, newer).contains(header(record, "ce_id"))) {
						deadLetters.add(record);
					}
				});
				return deadLetters.size() >= 3;
			});
		}
		assertThat(deadLetters).extracting((record) -> header(record, "ce_id")).containsExactly(broken, unknown, newer);
		ConsumerRecord<String, String> deadLetter = deadLetters.getFirst();
		assertThat(deadLetter.value()).isEqualTo("{\"meeting\":");
		assertThat(deadLetter.key()).isEqualTo(meetingId.toString());
		assertThat(header(deadLetter, "ce_type")).isEqualTo("meet.meeting.started");
		assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo("meeting.events");
		assertThat(header(deadLetter, "kafka_dlt-exception-cause-fqcn")).startsWith("tools.jackson.");
		assertThat(header(deadLetters.get(1), "kafka_dlt-exception-message")).contains("meet.meeting.teleported");
		assertThat(header(deadLetters.get(2), "kafka_dlt-exception-message"))
			.contains("meet.meeting.started version 2 is newer");
		assertThat(this.meters.counter("meet.events.dead.lettered", "topic", "meeting.events").count())
			.isEqualTo(deadBefore + 3);
	}

	/**
	 * Makes chat-service's database role refuse new connections and ends its open ones,
	 * or lets it in again.
	 */
	private static void refuseConnections(boolean refuse) throws SQLException {
		try (Connection connection = SharedInfrastructure.get().postgres().superuserConnection(PostgresServer.DATABASE);
				Statement statement = connection.createStatement()) {
			statement.execute("ALTER ROLE chat_service " + (refuse ? "NOLOGIN" : "LOGIN"));
			if (refuse) {
				statement
					.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'chat_service'");
			}
		}
	}

	private String meeting(UUID meetingId) {
		return this.json
			.writeValueAsString(new MeetingEvent.Started(EventSamples.meeting(meetingId, UUID.randomUUID(), "active")));
	}

	private String participant(UUID meetingId, UUID userId) {
		return this.json.writeValueAsString(new MeetingEvent.ParticipantJoined(meetingId,
				EventSamples.participant(meetingId, userId, "Guest", "guest", "active")));
	}

	private void send(KafkaProducer<String, String> producer, UUID meetingId, String type, String value) {
		send(producer, meetingId, type, value, UUID.randomUUID().toString());
	}

	private void send(KafkaProducer<String, String> producer, UUID meetingId, String type, String value,
			String eventId) {
		send(producer, meetingId, type, value, eventId, null);
	}

	private void send(KafkaProducer<String, String> producer, UUID meetingId, String type, String value, String eventId,
			String dataSchema) {
		String key = meetingId.toString();
		producer.send(new ProducerRecord<>("meeting.events", null, key, value,
				new EventEnvelope(eventId, "test", type, Instant.now(), key, dataSchema).toKafkaHeaders()));
		producer.flush();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private KafkaConsumer<String, String> consumer() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
	}

}
