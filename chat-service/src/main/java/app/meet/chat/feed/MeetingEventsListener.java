package app.meet.chat.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
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
import app.meet.chat.user.UserDirectory;
import app.meet.chat.user.UserView;
import app.meet.platform.events.AppliedEvents;
import app.meet.platform.events.EventEnvelope;

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
		EventEnvelope envelope = EventEnvelope.fromKafkaRecord(record);
		if (!this.appliedEvents.firstDelivery(envelope.id())) {
			return;
		}
		JsonNode data = this.json.readTree(record.value().getBytes(StandardCharsets.UTF_8));
		Instant time = envelope.time();
		switch (envelope.type()) {
			case "meet.meeting.created", "meet.meeting.updated" -> applyMeeting(data.path("meeting"), time);
			case "meet.meeting.started" -> {
				MeetingView meeting = applyMeeting(data.path("meeting"), time);
				this.stream.append(meeting.id(), StreamEvent.MEETING_STARTED, null, data.path("meeting"));
			}
			case "meet.meeting.ended" -> {
				MeetingView meeting = applyMeeting(data.path("meeting"), time);
				if (meeting.hostId() != null) {
					this.messages.system(meeting.id(), meeting.hostId(), "The meeting has ended");
				}
				Map<String, Object> ended = new LinkedHashMap<>();
				ended.put("meeting_id", meeting.id());
				ended.put("ended_at", data.path("meeting").path("ended_at").asString(time.toString()));
				this.stream.append(meeting.id(), StreamEvent.MEETING_ENDED, null, ended);
			}
			case "meet.participant.joined" -> {
				Participant participant = applyParticipant(data.path("participant"), time);
				this.stream.append(participant.meetingId(), StreamEvent.PARTICIPANT_JOINED, participant.user().id(),
						participant.json());
				this.messages.system(participant.meetingId(), participant.user().id(),
						participant.user().name() + " joined the meeting");
			}
			case "meet.participant.left", "meet.participant.removed" -> {
				Participant participant = applyParticipant(data.path("participant"), time);
				this.stream.append(participant.meetingId(), StreamEvent.PARTICIPANT_LEFT, participant.user().id(),
						Map.of("user_id", participant.user().id(), "participant", participant.json()));
				String what = envelope.type().endsWith("removed") ? " was removed from the meeting"
						: " left the meeting";
				this.messages.system(participant.meetingId(), participant.user().id(),
						participant.user().name() + what);
			}
			case "meet.participant.updated" -> {
				Participant participant = applyParticipant(data.path("participant"), time);
				// admission news (knocks, admissions, denials) are for the host's socket,
				// not
				// the stream
				if (!data.has("admission")) {
					this.stream.append(participant.meetingId(), StreamEvent.PARTICIPANT_STATE, null,
							participant.json());
				}
			}
			default -> {
			}
		}
	}

	private MeetingView applyMeeting(JsonNode meeting, Instant time) {
		String hostId = meeting.path("host_id").asString(null);
		MeetingView view = new MeetingView(UUID.fromString(meeting.path("id").asString()),
				(hostId != null) ? UUID.fromString(hostId) : null, meeting.path("status").asString(),
				meeting.path("settings").path("allow_chat").asBoolean(true));
		String endedAt = meeting.path("ended_at").asString(null);
		this.membership.applyMeeting(view, (endedAt != null) ? Instant.parse(endedAt) : null, time);
		return view;
	}

	private Participant applyParticipant(JsonNode participant, Instant time) {
		UUID meetingId = UUID.fromString(participant.path("meeting_id").asString());
		UserView user = this.json.treeToValue(participant.path("user"), UserView.class);
		this.users.apply(user, time);
		this.membership.ensureMeeting(meetingId, time);
		this.membership.applyMember(meetingId, user.id(), participant.path("role").asString(),
				participant.path("status").asString(), time);
		return new Participant(meetingId, user, participant);
	}

	private record Participant(UUID meetingId, UserView user, JsonNode json) {
	}

}
