package app.meet.recording.recordings;

import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.devstack.test.EventFeed;
import app.meet.events.EventSamples;
import app.meet.events.meeting.MeetingEvent;
import app.meet.platform.events.EventEnvelope;
import app.meet.platform.membership.MemberView;
import app.meet.recording.membership.MeetingView;
import app.meet.recording.membership.Membership;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * meeting-service's events, as they arrive on the real broker, keep the membership read
 * model and finish the recording of a meeting that ended, once, even when Kafka delivers
 * an event twice: right after itself, or again after later events (as after a rebalance).
 */
@SpringBootTest
@EmbeddedInfrastructure
class MeetingEventsIntegrationTests {

	@Autowired
	private JsonMapper json;

	@Autowired
	private Membership membership;

	@Autowired
	private Recordings recordings;

	@Autowired
	private RecordingRepository repository;

	@Autowired
	private JdbcClient jdbc;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	private KafkaProducer<String, String> producer;

	private UUID meetingId;

	private UUID hostId;

	private ProducerRecord<String, String> started;

	@BeforeEach
	void startMeetingWithItsHost() {
		this.producer = EventFeed.producer(this.bootstrapServers);
		this.meetingId = UUID.randomUUID();
		this.hostId = UUID.randomUUID();
		send(event("meet.meeting.created", meeting("scheduled")));
		this.started = event("meet.meeting.started", meeting("active"));
		send(this.started);
		EventFeed
			.awaitApplied(applied(send(event("meet.participant.joined", participant(this.hostId, "host", "active")))));
	}

	@AfterEach
	void closeProducer() {
		this.producer.close();
	}

	@Test
	void aRedeliveredJoinNeitherDuplicatesTheParticipantNorBringsThemBackAfterTheyLeft() {
		UUID guestId = UUID.randomUUID();
		ProducerRecord<String, String> joined = event("meet.participant.joined",
				participant(guestId, "guest", "active"));
		send(joined);
		send(joined);
		send(event("meet.participant.left", participant(guestId, "guest", "left")));
		send(joined);
		EventFeed
			.awaitApplied(applied(send(event("meet.participant.updated", participant(this.hostId, "host", "active")))));

		assertThat(this.membership.member(this.meetingId, guestId)).hasValueSatisfying((member) -> {
			assertThat(member.status()).as("the redelivered join changed nothing").isEqualTo(MemberView.Status.LEFT);
			assertThat(member.everJoined()).isTrue();
		});
		assertThat(this.jdbc.sql("SELECT count(*) FROM members WHERE meeting_id = :meeting AND user_id = :user")
			.param("meeting", this.meetingId)
			.param("user", guestId)
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void aRedeliveredEndFinishesTheRecordingOnceAndARedeliveredStartDoesNotReopenTheMeeting() throws Exception {
		RecordingResponse recording = this.recordings.start(this.meetingId, this.hostId);

		ProducerRecord<String, String> ended = event("meet.meeting.ended", meeting("ended"));
		send(ended);
		send(ended);
		send(this.started);
		EventFeed.awaitApplied(applied(send(event("meet.participant.left", participant(this.hostId, "host", "left")))));

		assertThat(this.membership.meeting(this.meetingId)).map(MeetingView::status).hasValue("ended");
		assertThat(this.repository.find(recording.id()))
			.hasValueSatisfying((finished) -> assertThat(finished.status()).as("finished with nothing in it")
				.isEqualTo(Recording.FAILED));
		assertThat(stoppedEvents(recording.id())).isEqualTo(1);
	}

	/** The data of a meeting event, complete as meeting-service publishes it. */
	private String meeting(String status) {
		return this.json
			.writeValueAsString(new MeetingEvent.Updated(EventSamples.meeting(this.meetingId, this.hostId, status)));
	}

	/** The data of a participant event, complete as meeting-service publishes it. */
	private String participant(UUID userId, String role, String status) {
		return this.json.writeValueAsString(new MeetingEvent.ParticipantUpdated(this.meetingId,
				EventSamples.participant(this.meetingId, userId, "Someone", role, status), null));
	}

	/**
	 * A new event as meeting-service's outbox publishes it, keyed by the meeting; sent
	 * again, it is a redelivery of the same event.
	 */
	private ProducerRecord<String, String> event(String type, String value) {
		String key = this.meetingId.toString();
		return new ProducerRecord<>("meeting.events", null, key, value,
				new EventEnvelope(UUID.randomUUID().toString(), "meeting-service", type, Instant.now(), key)
					.toKafkaHeaders());
	}

	/** Sends the record; answers its event id. */
	private String send(ProducerRecord<String, String> record) {
		this.producer.send(record);
		this.producer.flush();
		return EventEnvelope.fromKafkaHeaders(record.headers()).id();
	}

	private BooleanSupplier applied(String eventId) {
		return () -> this.jdbc.sql("SELECT count(*) FROM applied_events WHERE event_id = :id")
			.param("id", eventId)
			.query(Integer.class)
			.single() == 1;
	}

	/** The {@code meet.recording.stopped} events in the outbox for the recording. */
	private int stoppedEvents(UUID id) {
		return this.jdbc
			.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE :stopped AND serialized_event LIKE :id")
			.param("stopped", "%$Stopped")
			.param("id", "%" + id + "%")
			.query(Integer.class)
			.single();
	}

}
