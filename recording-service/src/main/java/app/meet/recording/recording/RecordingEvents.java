package app.meet.recording.recording;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.meet.platform.events.DomainEvent;

/**
 * What recording-service tells the others on {@code recording.events}, keyed by meeting
 * id.
 */
sealed interface RecordingEvents extends DomainEvent {

	RecordingResponse recording();

	@Override
	default String topic() {
		return "recording.events";
	}

	@Override
	default String subject() {
		return recording().meetingId().toString();
	}

	@Override
	default Object data() {
		return Map.of("recording", recording());
	}

	record Started(String eventId, Instant occurredAt, RecordingResponse recording) implements RecordingEvents {

		Started(RecordingResponse recording) {
			this(UUID.randomUUID().toString(), recording.startedAt(), recording);
		}

		@Override
		public String eventType() {
			return "meet.recording.started";
		}

	}

	/** Stopped by a user, or finished when idle or when its meeting ended. */
	record Stopped(String eventId, Instant occurredAt, RecordingResponse recording) implements RecordingEvents {

		Stopped(RecordingResponse recording) {
			this(UUID.randomUUID().toString(), recording.stoppedAt(), recording);
		}

		@Override
		public String eventType() {
			return "meet.recording.stopped";
		}

	}

}
