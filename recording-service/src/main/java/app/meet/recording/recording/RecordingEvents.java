package app.meet.recording.recording;

import java.time.Instant;
import java.util.UUID;

import app.meet.events.recording.RecordingEvent;
import app.meet.platform.events.DomainEvent;

/**
 * What recording-service tells the others on {@code recording.events}, keyed by meeting
 * id.
 */
sealed interface RecordingEvents extends DomainEvent {

	record Started(String eventId, Instant occurredAt, RecordingResponse recording) implements RecordingEvents {

		Started(RecordingResponse recording) {
			this(UUID.randomUUID().toString(), recording.startedAt(), recording);
		}

		@Override
		public RecordingEvent event() {
			return new RecordingEvent.Started(this.recording.asEvent());
		}

	}

	/** Stopped by a user, or finished when idle or when its meeting ended. */
	record Stopped(String eventId, Instant occurredAt, RecordingResponse recording) implements RecordingEvents {

		Stopped(RecordingResponse recording) {
			this(UUID.randomUUID().toString(), recording.stoppedAt(), recording);
		}

		@Override
		public RecordingEvent event() {
			return new RecordingEvent.Stopped(this.recording.asEvent());
		}

	}

}
