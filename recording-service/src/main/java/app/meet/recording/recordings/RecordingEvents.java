package app.meet.recording.recordings;

import java.time.Instant;
import java.util.UUID;

import app.meet.events.recording.RecordingEvent;
import app.meet.platform.events.DomainEvent;
import app.meet.platform.tracing.TraceContext;

/**
 * What recording-service tells the others on {@code recording.events}, keyed by meeting
 * id.
 */
sealed interface RecordingEvents extends DomainEvent {

	record Started(String eventId, Instant occurredAt, TraceContext trace,
			RecordingResponse recording) implements RecordingEvents {

		Started(RecordingResponse recording) {
			this(UUID.randomUUID().toString(), recording.startedAt(), TraceContext.current(), recording);
		}

		@Override
		public RecordingEvent event() {
			return new RecordingEvent.Started(this.recording.asEvent());
		}

	}

	/** Stopped by a user, or finished when idle or when its meeting ended. */
	record Stopped(String eventId, Instant occurredAt, TraceContext trace,
			RecordingResponse recording) implements RecordingEvents {

		Stopped(RecordingResponse recording) {
			this(UUID.randomUUID().toString(), recording.stoppedAt(), TraceContext.current(), recording);
		}

		@Override
		public RecordingEvent event() {
			return new RecordingEvent.Stopped(this.recording.asEvent());
		}

	}

}
