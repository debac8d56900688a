package app.meet.meeting.meeting;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import app.meet.meeting.participant.Admission;
import app.meet.meeting.participant.ParticipantResponse;
import app.meet.platform.events.DomainEvent;

/**
 * What meeting-service tells the others on {@code meeting.events}, keyed by meeting id.
 */
sealed interface MeetingEvents extends DomainEvent {

	@Override
	default String topic() {
		return "meeting.events";
	}

	static String newId() {
		return UUID.randomUUID().toString();
	}

	/** A new meeting, scheduled until its first join. */
	record MeetingCreated(String eventId, Instant occurredAt, MeetingResponse meeting) implements MeetingEvents {

		@Override
		public String eventType() {
			return "meet.meeting.created";
		}

		@Override
		public String subject() {
			return this.meeting.id().toString();
		}

		@Override
		public Object data() {
			return Map.of("meeting", this.meeting);
		}

	}

	/** The first join made the meeting active. */
	record MeetingStarted(String eventId, Instant occurredAt, MeetingResponse meeting) implements MeetingEvents {

		@Override
		public String eventType() {
			return "meet.meeting.started";
		}

		@Override
		public String subject() {
			return this.meeting.id().toString();
		}

		@Override
		public Object data() {
			return Map.of("meeting", this.meeting);
		}

	}

	/** Title, schedule, capacity or settings changed. */
	record MeetingUpdated(String eventId, Instant occurredAt, MeetingResponse meeting) implements MeetingEvents {

		@Override
		public String eventType() {
			return "meet.meeting.updated";
		}

		@Override
		public String subject() {
			return this.meeting.id().toString();
		}

		@Override
		public Object data() {
			return Map.of("meeting", this.meeting);
		}

	}

	/** The host ended the meeting for everyone. */
	record MeetingEnded(String eventId, Instant occurredAt, MeetingResponse meeting) implements MeetingEvents {

		@Override
		public String eventType() {
			return "meet.meeting.ended";
		}

		@Override
		public String subject() {
			return this.meeting.id().toString();
		}

		@Override
		public Object data() {
			return Map.of("meeting", this.meeting);
		}

	}

	/** Someone became an active participant. */
	record ParticipantJoined(String eventId, Instant occurredAt,
			ParticipantResponse participant) implements MeetingEvents {

		@Override
		public String eventType() {
			return "meet.participant.joined";
		}

		@Override
		public String subject() {
			return this.participant.meetingId().toString();
		}

		@Override
		public Object data() {
			return Map.of("meeting_id", this.participant.meetingId(), "participant", this.participant);
		}

	}

	/** Someone left; {@code participant} as they are now. */
	record ParticipantLeft(String eventId, Instant occurredAt,
			ParticipantResponse participant) implements MeetingEvents {

		@Override
		public String eventType() {
			return "meet.participant.left";
		}

		@Override
		public String subject() {
			return this.participant.meetingId().toString();
		}

		@Override
		public Object data() {
			return Map.of("meeting_id", this.participant.meetingId(), "participant", this.participant);
		}

	}

	/**
	 * A participant's role or state changed: the host role passed on, a moderator muted
	 * them, a new role, their own media state.
	 */
	record ParticipantUpdated(String eventId, Instant occurredAt,
			ParticipantResponse participant) implements MeetingEvents {

		@Override
		public String eventType() {
			return "meet.participant.updated";
		}

		@Override
		public String subject() {
			return this.participant.meetingId().toString();
		}

		@Override
		public Object data() {
			return Map.of("meeting_id", this.participant.meetingId(), "participant", this.participant);
		}

	}

	/** The host or a moderator removed a participant, who cannot come back. */
	record ParticipantRemoved(String eventId, Instant occurredAt,
			ParticipantResponse participant) implements MeetingEvents {

		@Override
		public String eventType() {
			return "meet.participant.removed";
		}

		@Override
		public String subject() {
			return this.participant.meetingId().toString();
		}

		@Override
		public Object data() {
			return Map.of("meeting_id", this.participant.meetingId(), "participant", this.participant);
		}

	}

	/**
	 * Someone asked to join, or was admitted or denied: a participant update whose data
	 * also names the {@code admission} ({@code waiting}, {@code admitted},
	 * {@code denied}), so that signaling-service can answer a waiting socket when the
	 * host decides over REST.
	 */
	record AdmissionChanged(String eventId, Instant occurredAt, ParticipantResponse participant,
			Admission admission) implements MeetingEvents {

		@Override
		public String eventType() {
			return "meet.participant.updated";
		}

		@Override
		public String subject() {
			return this.participant.meetingId().toString();
		}

		@Override
		public Object data() {
			return Map.of("meeting_id", this.participant.meetingId(), "participant", this.participant, "admission",
					this.admission.name().toLowerCase(Locale.ROOT));
		}

	}

}
