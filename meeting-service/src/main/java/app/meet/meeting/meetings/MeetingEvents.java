package app.meet.meeting.meetings;

import java.time.Instant;
import java.util.UUID;

import app.meet.events.meeting.MeetingEvent;
import app.meet.platform.events.DomainEvent;
import app.meet.platform.tracing.TraceContext;

/**
 * What meeting-service tells the others on {@code meeting.events}, keyed by meeting id:
 * each record is one outbox entry, and {@link #event()} the shared contract its consumers
 * read.
 */
public sealed interface MeetingEvents extends DomainEvent {

	static String newId() {
		return UUID.randomUUID().toString();
	}

	record MeetingCreated(String eventId, Instant occurredAt, TraceContext trace,
			MeetingResponse meeting) implements MeetingEvents {

		@Override
		public MeetingEvent event() {
			return new MeetingEvent.Created(this.meeting.asEvent());
		}

	}

	record MeetingStarted(String eventId, Instant occurredAt, TraceContext trace,
			MeetingResponse meeting) implements MeetingEvents {

		@Override
		public MeetingEvent event() {
			return new MeetingEvent.Started(this.meeting.asEvent());
		}

	}

	record MeetingUpdated(String eventId, Instant occurredAt, TraceContext trace,
			MeetingResponse meeting) implements MeetingEvents {

		@Override
		public MeetingEvent event() {
			return new MeetingEvent.Updated(this.meeting.asEvent());
		}

	}

	record MeetingEnded(String eventId, Instant occurredAt, TraceContext trace,
			MeetingResponse meeting) implements MeetingEvents {

		@Override
		public MeetingEvent event() {
			return new MeetingEvent.Ended(this.meeting.asEvent());
		}

	}

	record ParticipantJoined(String eventId, Instant occurredAt, TraceContext trace,
			ParticipantResponse participant) implements MeetingEvents {

		@Override
		public MeetingEvent event() {
			return new MeetingEvent.ParticipantJoined(this.participant.meetingId(), this.participant.asEvent());
		}

	}

	record ParticipantLeft(String eventId, Instant occurredAt, TraceContext trace,
			ParticipantResponse participant) implements MeetingEvents {

		@Override
		public MeetingEvent event() {
			return new MeetingEvent.ParticipantLeft(this.participant.meetingId(), this.participant.asEvent());
		}

	}

	record ParticipantUpdated(String eventId, Instant occurredAt, TraceContext trace,
			ParticipantResponse participant) implements MeetingEvents {

		@Override
		public MeetingEvent event() {
			return new MeetingEvent.ParticipantUpdated(this.participant.meetingId(), this.participant.asEvent(), null);
		}

	}

	record ParticipantRemoved(String eventId, Instant occurredAt, TraceContext trace,
			ParticipantResponse participant) implements MeetingEvents {

		@Override
		public MeetingEvent event() {
			return new MeetingEvent.ParticipantRemoved(this.participant.meetingId(), this.participant.asEvent());
		}

	}

	/**
	 * A knock, an admission or a denial: {@code meet.participant.updated} with its
	 * admission.
	 */
	record AdmissionChanged(String eventId, Instant occurredAt, TraceContext trace, ParticipantResponse participant,
			Admission admission) implements MeetingEvents {

		@Override
		public MeetingEvent event() {
			return new MeetingEvent.ParticipantUpdated(this.participant.meetingId(), this.participant.asEvent(),
					app.meet.events.meeting.Admission.valueOf(this.admission.name()));
		}

	}

}
