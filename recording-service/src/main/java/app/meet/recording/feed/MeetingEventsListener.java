package app.meet.recording.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.EventEnvelope;
import app.meet.recording.membership.MeetingView;
import app.meet.recording.membership.Membership;
import app.meet.recording.recording.Recordings;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@code meeting.events}: keeps the membership read model, and finishes the
 * recording of a meeting that ended. Each event once (a redelivery finds its id applied).
 */
@Component
class MeetingEventsListener {

	private final Membership membership;

	private final Recordings recordings;

	private final AppliedEvents appliedEvents;

	private final JsonMapper json;

	MeetingEventsListener(Membership membership, Recordings recordings, AppliedEvents appliedEvents, JsonMapper json) {
		this.membership = membership;
		this.recordings = recordings;
		this.appliedEvents = appliedEvents;
		this.json = json;
	}

	@KafkaListener(topics = "meeting.events", groupId = "${spring.application.name}")
	@Transactional
	void on(ConsumerRecord<String, String> record) {
		EventEnvelope envelope = EventEnvelope.fromKafkaRecord(record);
		if (!this.appliedEvents.firstDelivery(envelope.id())) {
			return;
		}
		JsonNode data = this.json.readTree(record.value().getBytes(StandardCharsets.UTF_8));
		Instant time = envelope.time();
		switch (envelope.type()) {
			case "meet.meeting.created", "meet.meeting.started", "meet.meeting.updated" ->
				applyMeeting(data.path("meeting"), time);
			case "meet.meeting.ended" -> {
				MeetingView meeting = applyMeeting(data.path("meeting"), time);
				this.recordings.finishInProgress(meeting.id(), "the meeting ended");
			}
			case "meet.participant.joined", "meet.participant.left", "meet.participant.removed",
					"meet.participant.updated" ->
				applyParticipant(data.path("participant"), time);
			default -> {
			}
		}
	}

	private MeetingView applyMeeting(JsonNode meeting, Instant time) {
		String hostId = meeting.path("host_id").asString(null);
		MeetingView view = new MeetingView(UUID.fromString(meeting.path("id").asString()),
				(hostId != null) ? UUID.fromString(hostId) : null, meeting.path("status").asString(),
				meeting.path("settings").path("recording_enabled").asBoolean(true));
		this.membership.applyMeeting(view, time);
		return view;
	}

	private void applyParticipant(JsonNode participant, Instant time) {
		UUID meetingId = UUID.fromString(participant.path("meeting_id").asString());
		UUID userId = UUID.fromString(participant.path("user").path("id").asString());
		this.membership.ensureMeeting(meetingId, time);
		this.membership.applyMember(meetingId, userId, participant.path("role").asString(),
				participant.path("status").asString(), time);
	}

}
