package app.meet.recording.recordings;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A recording as clients and {@code recording.events} see it; {@code mediaUrl} is set
 * once it is {@code ready}.
 */
record RecordingResponse(UUID id, UUID meetingId, UUID startedBy, String status, Instant startedAt,
		@Nullable Instant stoppedAt, long sizeBytes, String contentType, @Nullable String mediaUrl) {

	static RecordingResponse of(Recording recording) {
		return new RecordingResponse(recording.id(), recording.meetingId(), recording.startedBy(), recording.status(),
				recording.startedAt(), recording.stoppedAt(), recording.sizeBytes(),
				(recording.contentType() != null) ? recording.contentType() : "",
				recording.ready() ? "/api/recordings/" + recording.id() + "/media" : null);
	}

	/** The recording as events carry it to the other services. */
	app.meet.events.recording.Recording asEvent() {
		return new app.meet.events.recording.Recording(this.id, this.meetingId, this.startedBy, this.status,
				this.startedAt, this.stoppedAt, this.sizeBytes, this.contentType, this.mediaUrl);
	}

}
