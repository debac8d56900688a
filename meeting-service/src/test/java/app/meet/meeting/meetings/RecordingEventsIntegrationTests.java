package app.meet.meeting.meetings;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.devstack.test.EventFeed;
import app.meet.events.EventSamples;
import app.meet.events.recording.RecordingEvent;
import app.meet.platform.events.EventEnvelope;
import app.meet.platform.users.UserDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * recording-service's events, as they arrive on the real broker, keep a meeting's
 * {@code is_recording} and {@code recording_url}; a redelivered event, right away or
 * after later ones, changes nothing and announces nothing.
 */
@SpringBootTest
@EmbeddedInfrastructure
class RecordingEventsIntegrationTests {

	@Autowired
	private MeetingService meetings;

	@Autowired
	private UserDirectory users;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@Test
	void startAndStopAreReflectedAndARedeliveredStartIsIgnored() {
		UUID hostId = UUID.randomUUID();
		this.users.remember(hostId, "rec" + hostId.toString().substring(0, 8), "Recording Host");
		MeetingResponse meeting = this.meetings.create(hostId,
				new MeetingRequests.Create("Recorded", null, null, null, null));
		String url = "/api/recordings/" + UUID.randomUUID() + "/media";
		try (KafkaProducer<String, String> producer = EventFeed.producer(this.bootstrapServers)) {
			String started = send(producer, meeting, "meet.recording.started", null);
			send(producer, meeting, "meet.recording.started", null, started);
			EventFeed.awaitApplied(() -> current(meeting, hostId).isRecording());

			send(producer, meeting, "meet.recording.stopped", url);
			EventFeed.awaitApplied(() -> !current(meeting, hostId).isRecording());
			assertThat(current(meeting, hostId).recordingUrl()).isEqualTo(url);

			send(producer, meeting, "meet.recording.started", null, started);
			String marker = send(producer, meeting, "meet.recording.stopped", url);
			EventFeed.awaitApplied(() -> applied(marker));
			assertThat(current(meeting, hostId).isRecording()).as("the redelivered start changed nothing").isFalse();
		}
		assertThat(updatesAnnounced(meeting)).as("one meet.meeting.updated per start or stop applied").isEqualTo(3);
	}

	private String send(KafkaProducer<String, String> producer, MeetingResponse meeting, String type, String url) {
		return send(producer, meeting, type, url, UUID.randomUUID().toString());
	}

	private String send(KafkaProducer<String, String> producer, MeetingResponse meeting, String type, String url,
			String eventId) {
		String key = meeting.id().toString();
		String value = this.json.writeValueAsString(new RecordingEvent.Started(
				EventSamples.recording(meeting.id(), meeting.hostId(), (url != null) ? "ready" : "recording", url)));
		ProducerRecord<String, String> record = new ProducerRecord<>("recording.events", null, key, value,
				new EventEnvelope(eventId, "recording-service", type, Instant.now(), key).toKafkaHeaders());
		producer.send(record);
		producer.flush();
		return eventId;
	}

	private MeetingResponse current(MeetingResponse meeting, UUID hostId) {
		return this.meetings.get(meeting.id(), hostId);
	}

	/** The {@code meet.meeting.updated} events in the outbox for the meeting. */
	private int updatesAnnounced(MeetingResponse meeting) {
		return this.jdbc
			.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE :updated AND serialized_event LIKE :id")
			.param("updated", "%$MeetingUpdated")
			.param("id", "%" + meeting.id() + "%")
			.query(Integer.class)
			.single();
	}

	private boolean applied(String eventId) {
		return this.jdbc.sql("SELECT count(*) FROM applied_events WHERE event_id = :id")
			.param("id", eventId)
			.query(Integer.class)
			.single() == 1;
	}

}
