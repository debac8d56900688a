package app.meet.chat.feed;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import app.meet.chat.membership.Membership;
import app.meet.chat.message.MessageService;
import app.meet.chat.stream.StreamEvent;
import app.meet.chat.stream.StreamLog;
import app.meet.events.EventTopics;
import app.meet.events.meeting.Admission;
import app.meet.events.meeting.Meeting;
import app.meet.events.meeting.MeetingEvent;
import app.meet.events.meeting.Participant;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.IncomingEvent;
import app.meet.platform.users.UserDirectory;
import app.meet.platform.users.UserView;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@code meeting.events}: keeps the membership read model, writes the system
 * messages and records the live stream's meeting and participant events, each event
 * exactly once (a redelivery finds its id applied and changes nothing).
 */
@Component
class MeetingEventsListener {

	private final Membership membership;

	private final UserDirectory users;

	private final MessageService messages;

	private final StreamLog stream;

	private final AppliedEvents appliedEvents;

	private final JsonMapper json;

	MeetingEventsListener(Membership membership, UserDirectory users, MessageService messages, StreamLog stream,
			AppliedEvents appliedEvents, JsonMapper json) {
		this.membership = membership;
		this.users = users;
		this.messages = messages;
		this.stream = stream;
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
			case MeetingEvent.Updated(Meeting meeting) -> this.membership.applyMeeting(meeting, time);
			case MeetingEvent.Started(Meeting meeting) -> {
				this.membership.applyMeeting(meeting, time);
				this.stream.append(meeting.id(), StreamEvent.MEETING_STARTED, null, meeting);
			}
			case MeetingEvent.Ended(Meeting meeting) -> {
				this.membership.applyMeeting(meeting, time);
				this.messages.system(meeting.id(), meeting.hostId(), "The meeting has ended");
				Map<String, Object> ended = new LinkedHashMap<>();
				ended.put("meeting_id", meeting.id());
				ended.put("ended_at", (meeting.endedAt() != null) ? meeting.endedAt() : time);
				this.stream.append(meeting.id(), StreamEvent.MEETING_ENDED, null, ended);
			}
			case MeetingEvent.ParticipantJoined(UUID meetingId, Participant participant) -> {
				applyParticipant(participant, time);
				this.stream.append(meetingId, StreamEvent.PARTICIPANT_JOINED, participant.user().id(), participant);
				this.messages.system(meetingId, participant.user().id(),
						participant.user().name() + " joined the meeting");
			}
			case MeetingEvent.ParticipantLeft(UUID meetingId, Participant participant) ->
				departed(meetingId, participant, time, " left the meeting");
			case MeetingEvent.ParticipantRemoved(UUID meetingId, Participant participant) ->
				departed(meetingId, participant, time, " was removed from the meeting");
			case MeetingEvent.ParticipantUpdated(UUID meetingId, Participant participant, Admission admission) -> {
				applyParticipant(participant, time);
				// admission news (knocks, admissions, denials) are for the host's socket,
				// not the stream
				if (admission == null) {
					this.stream.append(meetingId, StreamEvent.PARTICIPANT_STATE, null, participant);
				}
			}
		}
	}

	private void departed(UUID meetingId, Participant participant, Instant time, String what) {
		applyParticipant(participant, time);
		this.stream.append(meetingId, StreamEvent.PARTICIPANT_LEFT, participant.user().id(),
				Map.of("user_id", participant.user().id(), "participant", participant));
		this.messages.system(meetingId, participant.user().id(), participant.user().name() + what);
	}

	private void applyParticipant(Participant participant, Instant time) {
		this.users.apply(UserView.of(participant.user()), time);
		this.membership.applyParticipant(participant, time);
	}

}
