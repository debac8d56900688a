package app.meet.events.recording;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A recording of a meeting.
 *
 * @param id the recording's id
 * @param meetingId the meeting
 * @param startedBy who started it
 * @param status {@code recording}, {@code ready} or {@code failed}
 * @param startedAt when it started
 * @param stoppedAt when it stopped
 * @param sizeBytes its size so far
 * @param contentType its media type as uploaded, or {@code ""} before the first chunk
 * @param mediaUrl where it plays back, once ready
 */
public record Recording(UUID id, UUID meetingId, UUID startedBy, String status, Instant startedAt,
		@Nullable Instant stoppedAt, long sizeBytes, String contentType, @Nullable String mediaUrl) {

}
