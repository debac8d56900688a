package app.meet.meeting.recording;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import app.meet.events.EventTopics;
import app.meet.events.recording.Recording;
import app.meet.events.recording.RecordingEvent;
import app.meet.meeting.meetings.MeetingService;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.IncomingEvent;

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
		IncomingEvent<RecordingEvent> incoming = IncomingEvent.read(record, EventTopics.RECORDING, this.json);
		if (!this.appliedEvents.firstDelivery(incoming.envelope().id())) {
			return;
		}
		UUID meetingId = incoming.event().recording().meetingId();
		switch (incoming.event()) {
			case RecordingEvent.Started started -> this.meetings.applyRecording(meetingId, true, null);
			case RecordingEvent.Stopped(Recording recording) ->
				this.meetings.applyRecording(meetingId, false, recording.mediaUrl());
		}
	}

}
