package app.meet.recording.recordings;

import java.util.List;

import org.springframework.stereotype.Component;

import static app.meet.recording.recordings.StorageCalls.afterCommit;
import static app.meet.recording.recordings.StorageCalls.storage;

/**
 * Turns a recording's staged chunks into the next part of its multipart upload, under the
 * recording's row lock: when enough is staged, and once more when it finishes.
 */
@Component
class RecordingParts {

	private final RecordingRepository recordings;

	private final MediaStore media;

	RecordingParts(RecordingRepository recordings, MediaStore media) {
		this.recordings = recordings;
		this.media = media;
	}

	/** Under the row lock: the staged chunks become the upload's next part. */
	void send(Recording recording, List<RecordingRepository.StagedChunk> staged) {
		if (staged.isEmpty()) {
			return;
		}
		List<Integer> seqs = staged.stream().map(RecordingRepository.StagedChunk::seq).toList();
		int partNumber = this.recordings.parts(recording.id()).size() + 1;
		String etag = storage(() -> this.media.uploadPart(recording.objectKey(), recording.uploadId(), partNumber,
				recording.id(), staged));
		this.recordings.addPart(recording.id(), partNumber, etag,
				staged.stream().mapToLong(RecordingRepository.StagedChunk::size).sum());
		afterCommit(() -> this.media.removeStagedQuietly(recording.id(), seqs));
	}

}
