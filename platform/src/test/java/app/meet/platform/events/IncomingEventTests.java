package app.meet.platform.events;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import app.meet.events.EventTopics;
import app.meet.events.recording.RecordingEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IncomingEventTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private final String meetingId = UUID.randomUUID().toString();

	private final String data = """
			{"recording": {"id": "%s", "meeting_id": "%s", "started_by": "%s", "status": "ready",
			"started_at": "2026-12-07T10:00:00Z", "stopped_at": "2026-12-07T10:05:00Z", "size_bytes": 42,
			"content_type": "video/webm", "media_url": "/api/recordings/x/media", "a_member_added_later": 1}}
			""".formatted(UUID.randomUUID(), this.meetingId, UUID.randomUUID());

	@Test
	void readsTheTypedEventItsTypeNames() {
		IncomingEvent<RecordingEvent> incoming = IncomingEvent.read(
				record("meet.recording.stopped", "urn:meet:event:meet.recording.stopped:1", this.data),
				EventTopics.RECORDING, JSON);

		assertThat(incoming.event()).isInstanceOf(RecordingEvent.Stopped.class);
		assertThat(incoming.event().recording().sizeBytes()).isEqualTo(42);
		assertThat(incoming.event().subject()).hasToString(this.meetingId);
	}

	@Test
	void aRecordWithoutDataSchemaIsTheFirstVersion() {
		assertThat(IncomingEvent.read(record("meet.recording.started", null, this.data), EventTopics.RECORDING, JSON)
			.event()).isInstanceOf(RecordingEvent.Started.class);
	}

	@Test
	void refusesATypeItsTopicDoesNotCarry() {
		assertThatExceptionOfType(EventEnvelope.InvalidEventException.class).isThrownBy(
				() -> IncomingEvent.read(record("meet.recording.paused", null, this.data), EventTopics.RECORDING, JSON))
			.withMessageContaining("Unknown event type meet.recording.paused");
	}

	@Test
	void refusesANewerVersionThanItReads() {
		assertThatExceptionOfType(EventEnvelope.InvalidEventException.class).isThrownBy(() -> IncomingEvent.read(
				record("meet.recording.stopped", "urn:meet:event:meet.recording.stopped:2", this.data),
				EventTopics.RECORDING, JSON))
			.withMessageContaining("version 2 is newer");
	}

	@Test
	void refusesADataSchemaOfAnotherType() {
		assertThatExceptionOfType(EventEnvelope.InvalidEventException.class).isThrownBy(() -> IncomingEvent.read(
				record("meet.recording.stopped", "urn:meet:event:meet.recording.started:1", this.data),
				EventTopics.RECORDING, JSON));
	}

	@Test
	void refusesDataThatIsNotJson() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(
				() -> IncomingEvent.read(record("meet.recording.stopped", null, "{"), EventTopics.RECORDING, JSON));
	}

	private ConsumerRecord<String, String> record(String type, String dataSchema, String value) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("recording.events", 0, 0, this.meetingId, value);
		Headers headers = new EventEnvelope(UUID.randomUUID().toString(), "recording-service", type, Instant.now(),
				this.meetingId, dataSchema)
			.toKafkaHeaders();
		headers.forEach((header) -> record.headers().add(header));
		return record;
	}

}
