package app.meet.recording.recordings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.errors.MinioException;

import app.meet.recording.config.RecordingProperties;
import app.meet.recording.membership.MeetingView;
import app.meet.recording.membership.Membership;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import static app.meet.recording.recordings.StorageCalls.storage;

/**
 * The chunks the browser's MediaRecorder sends, in order: each is staged in the object
 * store under the recording's row lock, and once enough is staged it is sent on as the
 * upload's next part. A chunk sent twice (a retry) is taken once.
 */
@Service
class ChunkUploads {

	private final Membership membership;

	private final RecordingRepository recordings;

	private final RecordingParts parts;

	private final MediaStore media;

	private final TransactionTemplate transactions;

	private final RecordingProperties properties;

	private final Clock clock;

	private final Counter recordedBytes;

	ChunkUploads(Membership membership, RecordingRepository recordings, RecordingParts parts, MediaStore media,
			TransactionTemplate transactions, RecordingProperties properties, Clock clock, MeterRegistry meters) {
		this.membership = membership;
		this.recordings = recordings;
		this.parts = parts;
		this.media = media;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.recordedBytes = Counter.builder("meet.recording.bytes")
			.baseUnit("bytes")
			.description("Bytes of recordings taken (chunks stored, repeats not counted)")
			.register(meters);
	}

	/**
	 * Takes chunk {@code seq}: the next one is staged, a repeated one is acknowledged and
	 * dropped, a later one is refused naming the one expected.
	 */
	void upload(UUID recordingId, UUID userId, int seq, String contentType, long declaredLength, InputStream body)
			throws IOException, MinioException {
		Recording recording = this.recordings.find(recordingId).orElseThrow(RecordingException::notFound);
		requireUploader(recording, userId);
		String type = Chunks.mediaType(contentType);
		if (!isNext(recording, seq)) {
			return;
		}
		long maxSize = this.properties.maxChunkSize().toBytes();
		if (declaredLength > maxSize) {
			throw Chunks.tooLarge(maxSize);
		}
		Path chunk = Chunks.spool(body, maxSize);
		try {
			long size = Files.size(chunk);
			if (size == 0) {
				throw new RecordingException(HttpStatus.BAD_REQUEST, "empty-chunk", "A chunk must not be empty");
			}
			this.transactions.executeWithoutResult((status) -> stage(recordingId, seq, type, chunk, size));
			this.recordedBytes.increment(size);
		}
		finally {
			Files.deleteIfExists(chunk);
		}
	}

	private void stage(UUID recordingId, int seq, String type, Path chunk, long size) {
		Recording recording = this.recordings.lock(recordingId).orElseThrow(RecordingException::notFound);
		if (!isNext(recording, seq)) {
			return;
		}
		if (recording.contentType() != null
				&& !Chunks.baseType(recording.contentType()).equals(Chunks.baseType(type))) {
			throw new RecordingException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
					"This recording is " + recording.contentType());
		}
		storage(() -> this.media.stage(recordingId, seq, chunk));
		this.recordings.addChunk(recordingId, seq, size, type, this.clock.instant());
		List<RecordingRepository.StagedChunk> staged = this.recordings.stagedChunks(recordingId);
		if (staged.stream().mapToLong(RecordingRepository.StagedChunk::size).sum() >= this.properties.partSize()
			.toBytes()) {
			this.parts.send(recording, staged);
		}
	}

	/**
	 * Whether {@code seq} is the chunk expected next; {@code false} for one already
	 * taken. Checked once before the body is read, to refuse early, and again under the
	 * lock.
	 * @throws RecordingException when the recording has finished or {@code seq} is ahead
	 */
	private static boolean isNext(Recording recording, int seq) {
		if (!recording.inProgress()) {
			throw RecordingException.finished();
		}
		if (seq > recording.nextSeq()) {
			throw RecordingException.outOfOrder(recording.nextSeq());
		}
		return seq == recording.nextSeq();
	}

	/** Chunks come from whoever started the recording, or the meeting's host. */
	private void requireUploader(Recording recording, UUID userId) {
		if (recording.startedBy().equals(userId)) {
			return;
		}
		MeetingView meeting = this.membership.requireMeeting(recording.meetingId());
		if (!userId.equals(meeting.hostId())) {
			throw new RecordingException(HttpStatus.FORBIDDEN, "not-uploader",
					"Only whoever started the recording, or the host, can upload to it");
		}
	}

}
