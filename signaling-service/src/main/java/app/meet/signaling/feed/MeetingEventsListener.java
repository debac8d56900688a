package app.meet.signaling.feed;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import app.meet.events.EventTopics;
import app.meet.events.meeting.Admission;
import app.meet.events.meeting.Meeting;
import app.meet.events.meeting.MeetingEvent;
import app.meet.events.meeting.Participant;
import app.meet.platform.events.IncomingEvent;
import app.meet.signaling.config.SignalingProperties;
import app.meet.signaling.room.Signaling;
import app.meet.signaling.routing.Directory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies {@code meeting.events} to this instance's sockets. Every instance reads every
 * event (a consumer group of its own), since each holds its own sockets; what they do is
 * idempotent, so a redelivery changes nothing.
 */
@Component
class MeetingEventsListener {

	private final Signaling signaling;

	private final Directory directory;

	private final SignalingProperties properties;

	private final JsonMapper json;

	MeetingEventsListener(Signaling signaling, Directory directory, SignalingProperties properties, JsonMapper json) {
		this.signaling = signaling;
		this.directory = directory;
		this.properties = properties;
		this.json = json;
	}

	@KafkaListener(topics = "meeting.events", groupId = "${spring.application.name}-${meet.signaling.instance}",
			properties = "auto.offset.reset=latest")
	void on(ConsumerRecord<String, String> record) {
		switch (IncomingEvent.read(record, EventTopics.MEETING, this.json).event()) {
			case MeetingEvent.Ended(Meeting meeting) -> this.signaling.meetingEnded(meeting.id());
			case MeetingEvent.ParticipantJoined(UUID meetingId, Participant participant) -> {
				// a participant who never opens a socket is a ghost too
				if (!this.signaling.isPresent(meetingId, participant.user().id())) {
					this.directory.markAbsent(meetingId, participant.user().id(), this.properties.ghostTimeout());
				}
			}
			case MeetingEvent.ParticipantLeft(UUID meetingId, Participant participant) ->
				this.signaling.participantGone(meetingId, participant.user().id(), "Left the meeting");
			case MeetingEvent.ParticipantRemoved(UUID meetingId, Participant participant) ->
				this.signaling.participantGone(meetingId, participant.user().id(), "Removed from the meeting");
			case MeetingEvent.ParticipantUpdated(UUID meetingId, Participant participant, Admission admission) -> {
				if (admission == Admission.ADMITTED || admission == Admission.DENIED) {
					this.signaling.admissionDecided(meetingId, participant.user().id(),
							admission == Admission.ADMITTED);
				}
			}
			// what the meeting is and whether it started is meeting-service's to answer
			case MeetingEvent.Created created -> {
			}
			case MeetingEvent.Started started -> {
			}
			case MeetingEvent.Updated updated -> {
			}
		}
	}

}
