package app.meet.meeting.recording;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.meeting.meeting.MeetingService;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.EventEnvelope;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a meeting's {@code is_recording} and {@code recording_url} as recording-service
 * reports them, applying each event once.
 */
@Component
class RecordingEventsListener {

	private final MeetingService meetings;

	private final AppliedEvents appliedEvents;

	private final JsonMapper json;

	RecordingEventsListener(MeetingService meetings, AppliedEvents appliedEvents, JsonMapper json) {
		this.meetings = meetings;
		this.appliedEvents = appliedEvents;
		this.json = json;
	}

	@KafkaListener(topics = "recording.events", groupId = "${spring.application.name}")
	@Transactional
	void on(ConsumerRecord<String, String> record) {
		EventEnvelope envelope = EventEnvelope.fromKafkaRecord(record);
		boolean started = envelope.type().equals("meet.recording.started");
		if (!started && !envelope.type().equals("meet.recording.stopped")) {
			return;
		}
		JsonNode recording = this.json.readTree(record.value().getBytes(StandardCharsets.UTF_8)).path("recording");
		UUID meetingId = UUID.fromString(recording.path("meeting_id").asString());
		String mediaUrl = started ? null : recording.path("media_url").asString(null);
		if (this.appliedEvents.firstDelivery(envelope.id())) {
			this.meetings.applyRecording(meetingId, started, mediaUrl);
		}
	}

}
