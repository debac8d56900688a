package app.meet.chat.feed;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.chat.membership.MeetingView;
import app.meet.chat.membership.Membership;
import app.meet.chat.message.MessageService;
import app.meet.chat.stream.StreamEvent;
import app.meet.chat.stream.StreamLog;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.EventEnvelope;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@code recording.events}: a system message and a {@code recording_started} or
 * {@code recording_stopped} stream event, once per event.
 */
@Component
class RecordingEventsListener {

	private final Membership membership;

	private final MessageService messages;

	private final StreamLog stream;

	private final AppliedEvents appliedEvents;

	private final JsonMapper json;

	RecordingEventsListener(Membership membership, MessageService messages, StreamLog stream,
			AppliedEvents appliedEvents, JsonMapper json) {
		this.membership = membership;
		this.messages = messages;
		this.stream = stream;
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
		if (!this.appliedEvents.firstDelivery(envelope.id())) {
			return;
		}
		JsonNode recording = this.json.readTree(record.value().getBytes(StandardCharsets.UTF_8)).path("recording");
		UUID meetingId = UUID.fromString(recording.path("meeting_id").asString());
		this.membership.ensureMeeting(meetingId, envelope.time());
		String startedBy = recording.path("started_by").asString(null);
		UUID about = (startedBy != null) ? UUID.fromString(startedBy)
				: this.membership.meeting(meetingId).map(MeetingView::hostId).orElse(null);
		if (about != null) {
			this.messages.system(meetingId, about, started ? "Recording started" : "Recording stopped");
		}
		this.stream.append(meetingId, started ? StreamEvent.RECORDING_STARTED : StreamEvent.RECORDING_STOPPED, null,
				Map.of("recording_id", recording.path("id").asString(), "recording", recording));
	}

}
