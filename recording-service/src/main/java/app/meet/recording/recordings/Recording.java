package app.meet.recording.recordings;

import java.time.Instant;
import java.util.UUID;

/**
 * A recording's row.
 *
 * @param status {@code recording}, {@code ready} or {@code failed}
 * @param objectKey where the finished media is (or will be) in the bucket
 * @param uploadId the multipart upload the media goes into while recording
 * @param nextSeq the chunk expected next
 */
record Recording(UUID id, UUID meetingId, UUID startedBy, String status, Instant startedAt, Instant stoppedAt,
		long sizeBytes, String contentType, String objectKey, String uploadId, int nextSeq, Instant lastChunkAt) {

	static final String RECORDING = "recording";

	static final String READY = "ready";

	static final String FAILED = "failed";

	boolean inProgress() {
		return RECORDING.equals(this.status);
	}

	boolean ready() {
		return READY.equals(this.status);
	}

}
