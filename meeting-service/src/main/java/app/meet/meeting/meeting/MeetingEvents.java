package app.meet.meeting.meeting;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.meet.platform.events.DomainEvent;

/**
 * What meeting-service tells the others on {@code meeting.events}, keyed by meeting id.
 */
sealed interface MeetingEvents extends DomainEvent {

	MeetingResponse meeting();

	@Override
	default String topic() {
		return "meeting.events";
	}

	@Override
	default String subject() {
		return meeting().id().toString();
	}

	@Override
	default Object data() {
		return Map.of("meeting", meeting());
	}

	/** A new meeting, scheduled until its first join. */
	record MeetingCreated(String eventId, Instant occurredAt, MeetingResponse meeting) implements MeetingEvents {

		static MeetingCreated of(MeetingResponse meeting) {
			return new MeetingCreated(UUID.randomUUID().toString(), meeting.createdAt(), meeting);
		}

		@Override
		public String eventType() {
			return "meet.meeting.created";
		}

	}

}
