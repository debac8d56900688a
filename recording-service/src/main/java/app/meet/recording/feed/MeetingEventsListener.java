package app.meet.recording.feed;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import app.meet.events.EventTopics;
import app.meet.events.meeting.Meeting;
import app.meet.events.meeting.MeetingEvent;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.IncomingEvent;
import app.meet.recording.membership.Membership;
import app.meet.recording.recordings.Recordings;

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
			case MeetingEvent.Created(Meeting meeting) -> this.membership.applyMeeting(meeting, time);
			case MeetingEvent.Started(Meeting meeting) -> this.membership.applyMeeting(meeting, time);
			case MeetingEvent.Updated(Meeting meeting) -> this.membership.applyMeeting(meeting, time);
			case MeetingEvent.Ended(Meeting meeting) -> {
				this.membership.applyMeeting(meeting, time);
				this.recordings.finishInProgress(meeting.id(), "the meeting ended");
			}
			case MeetingEvent.ParticipantJoined joined -> this.membership.applyParticipant(joined.participant(), time);
			case MeetingEvent.ParticipantLeft left -> this.membership.applyParticipant(left.participant(), time);
			case MeetingEvent.ParticipantUpdated updated ->
				this.membership.applyParticipant(updated.participant(), time);
			case MeetingEvent.ParticipantRemoved removed ->
				this.membership.applyParticipant(removed.participant(), time);
		}
	}

}
