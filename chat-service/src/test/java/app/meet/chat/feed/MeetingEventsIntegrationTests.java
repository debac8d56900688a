package app.meet.chat.feed;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import app.meet.chat.membership.Membership;
import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.devstack.test.EventFeed;
import app.meet.events.EventSamples;
import app.meet.events.EventTopic.EventType;
import app.meet.events.EventTopics;
import app.meet.events.MeetEvent;
import app.meet.events.meeting.MeetingEvent;
import app.meet.events.recording.RecordingEvent;
import app.meet.platform.events.EventEnvelope;
import app.meet.platform.membership.MemberView;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * meeting-service's and recording-service's events, as they arrive on the real broker,
 * keep the membership read model and write system messages and stream events exactly
 * once, even when Kafka delivers an event twice.
 */
@SpringBootTest
@EmbeddedInfrastructure
class MeetingEventsIntegrationTests {

	@Autowired
	private Membership membership;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@Test
	void eachEventYieldsExactlyOneSystemMessageAndStreamEventEvenWhenRedelivered() {
		UUID meetingId = UUID.randomUUID();
		UUID hostId = UUID.randomUUID();
		UUID guestId = UUID.randomUUID();
		try (KafkaProducer<String, String> producer = EventFeed.producer(this.bootstrapServers)) {
			send(producer, new MeetingEvent.Created(EventSamples.meeting(meetingId, hostId, "scheduled")),
					UUID.randomUUID().toString());
			send(producer, new MeetingEvent.Started(EventSamples.meeting(meetingId, hostId, "active")),
					UUID.randomUUID().toString());
			String joined = UUID.randomUUID().toString();
			MeetingEvent join = new MeetingEvent.ParticipantJoined(meetingId,
					EventSamples.participant(meetingId, guestId, "Gina", "guest", "active"));
			send(producer, join, joined);
			send(producer, join, joined);
			// another topic: applied in its own order, so wait for the join first
			EventFeed.awaitApplied(() -> applied(joined));
			String recording = UUID.randomUUID().toString();
			RecordingEvent started = new RecordingEvent.Started(
					EventSamples.recording(meetingId, hostId, "recording", null));
			send(producer, started, recording);
			send(producer, started, recording);
			EventFeed.awaitApplied(() -> applied(recording));
			String marker = UUID.randomUUID().toString();
			send(producer, new MeetingEvent.ParticipantLeft(meetingId,
					EventSamples.participant(meetingId, guestId, "Gina", "guest", "left")), marker);
			EventFeed.awaitApplied(() -> applied(marker));
		}
		assertThat(this.membership.member(meetingId, guestId)).hasValueSatisfying((member) -> {
			assertThat(member.status()).isEqualTo(MemberView.Status.LEFT);
			assertThat(member.everJoined()).isTrue();
		});
		assertThat(this.jdbc.sql("SELECT content FROM messages WHERE meeting_id = :id ORDER BY seq")
			.param("id", meetingId)
			.query(String.class)
			.list()).containsExactly("Gina joined the meeting", "Recording started", "Gina left the meeting");
		List<String> stream = this.jdbc.sql("SELECT name FROM stream_events WHERE meeting_id = :id ORDER BY seq")
			.param("id", meetingId)
			.query(String.class)
			.list();
		assertThat(stream).containsExactly("meeting_started", "participant_joined", "chat_message", "chat_message",
				"recording_started", "participant_left", "chat_message");
		assertThat(this.jdbc.sql("SELECT seq FROM stream_events WHERE meeting_id = :id ORDER BY seq")
			.param("id", meetingId)
			.query(Long.class)
			.list()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
	}

	/** The event as its producer's outbox sends it. */
	private void send(KafkaProducer<String, String> producer, MeetEvent event, String eventId) {
		String key = event.subject().toString();
		EventType<?> type = EventTopics.typeOf(event);
		producer.send(
				new ProducerRecord<>(EventTopics.topicOf(event).name(), null, key, this.json.writeValueAsString(event),
						new EventEnvelope(eventId, "test", type.name(), Instant.now(), key, type.dataSchema())
							.toKafkaHeaders()));
		producer.flush();
	}

	private boolean applied(String eventId) {
		return this.jdbc.sql("SELECT count(*) FROM applied_events WHERE event_id = :id")
			.param("id", eventId)
			.query(Integer.class)
			.single() == 1;
	}

}
