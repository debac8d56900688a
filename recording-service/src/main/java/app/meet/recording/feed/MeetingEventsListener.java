package app.meet.recording.feed;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import app.meet.events.EventTopics;
import app.meet.events.meeting.Meeting;
import app.meet.events.meeting.MeetingEvent;
import app.meet.events.meeting.Participant;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.IncomingEvent;
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
		IncomingEvent<MeetingEvent> incoming = IncomingEvent.read(record, EventTopics.MEETING, this.json);
		if (!this.appliedEvents.firstDelivery(incoming.envelope().id())) {
			return;
		}
		Instant time = incoming.envelope().time();
		switch (incoming.event()) {
			case MeetingEvent.Created(Meeting meeting) -> applyMeeting(meeting, time);
			case MeetingEvent.Started(Meeting meeting) -> applyMeeting(meeting, time);
			case MeetingEvent.Updated(Meeting meeting) -> applyMeeting(meeting, time);
			case MeetingEvent.Ended(Meeting meeting) -> {
				applyMeeting(meeting, time);
				this.recordings.finishInProgress(meeting.id(), "the meeting ended");
			}
			case MeetingEvent.ParticipantJoined joined -> applyParticipant(joined.participant(), time);
			case MeetingEvent.ParticipantLeft left -> applyParticipant(left.participant(), time);
			case MeetingEvent.ParticipantUpdated updated -> applyParticipant(updated.participant(), time);
			case MeetingEvent.ParticipantRemoved removed -> applyParticipant(removed.participant(), time);
		}
	}

	private void applyMeeting(Meeting meeting, Instant time) {
		this.membership.applyMeeting(new MeetingView(meeting.id(), meeting.hostId(), meeting.status(),
				meeting.settings().recordingEnabled()), time);
	}

	private void applyParticipant(Participant participant, Instant time) {
		this.membership.ensureMeeting(participant.meetingId(), time);
		this.membership.applyMember(participant.meetingId(), participant.user().id(), participant.role(),
				participant.status(), time);
	}

}
