package app.meet.chat.feed;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import app.meet.chat.membership.Membership;
import app.meet.chat.message.MessageService;
import app.meet.chat.stream.StreamEvent;
import app.meet.chat.stream.StreamLog;
import app.meet.events.EventTopics;
import app.meet.events.recording.Recording;
import app.meet.events.recording.RecordingEvent;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.IncomingEvent;

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
		IncomingEvent<RecordingEvent> incoming = IncomingEvent.read(record, EventTopics.RECORDING, this.json);
		if (!this.appliedEvents.firstDelivery(incoming.envelope().id())) {
			return;
		}
		Recording recording = incoming.event().recording();
		this.membership.ensureMeeting(recording.meetingId(), incoming.envelope().time());
		boolean started = switch (incoming.event()) {
			case RecordingEvent.Started start -> true;
			case RecordingEvent.Stopped stop -> false;
		};
		this.messages.system(recording.meetingId(), recording.startedBy(),
				started ? "Recording started" : "Recording stopped");
		this.stream.append(recording.meetingId(),
				started ? StreamEvent.RECORDING_STARTED : StreamEvent.RECORDING_STOPPED, null,
				Map.of("recording_id", recording.id(), "recording", recording));
	}

}
