package app.meet.recording.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.errors.MinioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.recording.config.RecordingProperties;
import app.meet.recording.membership.MeetingView;
import app.meet.recording.membership.Membership;
import app.meet.platform.membership.MemberView;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recordings: started by the host or a moderator of an active meeting, fed chunk by chunk
 * by the browser's MediaRecorder, finished by a stop, by ten idle minutes or by the
 * meeting's end. Every change of a recording happens under its row lock, so parallel
 * uploads of one chunk, an upload racing a stop, and two instances finishing the same
 * recording all resolve to one outcome.
 */
@Service
public class Recordings {

	private static final Logger log = LoggerFactory.getLogger(Recordings.class);

	private static final List<String> MEDIA_TYPES = List.of("video/webm", "video/mp4", "audio/webm", "audio/mp4");

	private final Membership membership;

	private final RecordingRepository recordings;

	private final MediaStore media;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final RecordingProperties properties;

	private final Clock clock;

	private final Counter recordedBytes;

	Recordings(Membership membership, RecordingRepository recordings, MediaStore media,
			ApplicationEventPublisher events, TransactionTemplate transactions, RecordingProperties properties,
			Clock clock, MeterRegistry meters) {
		this.membership = membership;
		this.recordings = recordings;
		this.media = media;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.recordedBytes = Counter.builder("meet.recording.bytes")
			.baseUnit("bytes")
			.description("Bytes of recordings taken (chunks stored, repeats not counted)")
			.register(meters);
	}

	RecordingResponse start(UUID meetingId, UUID userId) throws MinioException {
		this.membership.requireMeeting(meetingId);
		requireModerator(meetingId, userId);
		// read after the wait for the user's join, which may have brought the meeting's
		// start
		MeetingView meeting = this.membership.requireMeeting(meetingId);
		if (!meeting.active()) {
			throw new RecordingException(HttpStatus.CONFLICT, "meeting-not-active",
					"Only an active meeting can be recorded");
		}
		if (!meeting.recordingEnabled()) {
			throw new RecordingException(HttpStatus.FORBIDDEN, "recording-disabled",
					"Recording is turned off for this meeting");
		}
		if (this.recordings.inProgress(meetingId).isPresent()) {
			throw alreadyRecording();
		}
		UUID id = UUID.randomUUID();
		String key = "media/" + meetingId + "/" + id;
		String uploadId = this.media.startUpload(key);
		// as PostgreSQL keeps it, so the answer and the event equal what is read back
		// later
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Recording recording = new Recording(id, meetingId, userId, Recording.RECORDING, now, null, 0, null, key,
				uploadId, 0, now);
		try {
			return this.transactions.execute((status) -> {
				this.recordings.insert(recording);
				RecordingResponse response = RecordingResponse.of(recording);
				this.events.publishEvent(new RecordingEvents.Started(response));
				return response;
			});
		}
		catch (DuplicateKeyException ex) {
			this.media.abortQuietly(key, uploadId);
			throw alreadyRecording();
		}
	}

	/**
	 * Takes chunk {@code seq}: the next one is staged, a repeated one is acknowledged and
	 * dropped, a later one is refused naming the one expected.
	 */
	void upload(UUID recordingId, UUID userId, int seq, String contentType, long declaredLength, InputStream body)
			throws IOException, MinioException {
		Recording recording = this.recordings.find(recordingId).orElseThrow(RecordingException::notFound);
		requireUploader(recording, userId);
		String type = mediaType(contentType);
		if (!isNext(recording, seq)) {
			return;
		}
		long maxSize = this.properties.maxChunkSize().toBytes();
		if (declaredLength > maxSize) {
			throw tooLarge(maxSize);
		}
		Path chunk = spool(body, maxSize);
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
		if (recording.contentType() != null && !baseType(recording.contentType()).equals(baseType(type))) {
			throw new RecordingException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
					"This recording is " + recording.contentType());
		}
		storage(() -> this.media.stage(recordingId, seq, chunk));
		this.recordings.addChunk(recordingId, seq, size, type, this.clock.instant());
		List<RecordingRepository.StagedChunk> staged = this.recordings.stagedChunks(recordingId);
		if (staged.stream().mapToLong(RecordingRepository.StagedChunk::size).sum() >= this.properties.partSize()
			.toBytes()) {
			sendPart(recording, staged);
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

	/** Stops a recording by its id; stopping a finished one answers it as it is. */
	RecordingResponse stop(UUID recordingId, UUID userId) {
		Recording recording = this.recordings.find(recordingId).orElseThrow(RecordingException::notFound);
		if (!recording.startedBy().equals(userId)) {
			requireModerator(recording.meetingId(), userId);
		}
		return this.transactions.execute((status) -> finish(recordingId));
	}

	/**
	 * Stops the meeting's recording in progress (the frontend's alias). Who may not stop
	 * one learns nothing of whether one is in progress: 403 comes before 409.
	 */
	RecordingResponse stopInMeeting(UUID meetingId, UUID userId) {
		this.membership.requireMeeting(meetingId);
		Optional<Recording> recording = this.recordings.inProgress(meetingId);
		if (recording.isEmpty()) {
			requireModerator(meetingId, userId);
			throw new RecordingException(HttpStatus.CONFLICT, "not-recording", "The meeting is not being recorded");
		}
		return stop(recording.get().id(), userId);
	}

	/**
	 * Finishes the meeting's recording in progress, if any, in the caller's transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void finishInProgress(UUID meetingId, String reason) {
		this.recordings.inProgress(meetingId).ifPresent((recording) -> {
			log.info("Finishing recording {}: {}", recording.id(), reason);
			finish(recording.id());
		});
	}

	/**
	 * Finishes recordings that received nothing for {@code meet.recording.idle-timeout}.
	 */
	void finishIdle() {
		Instant before = this.clock.instant().minus(this.properties.idleTimeout());
		for (UUID id : this.recordings.idleSince(before)) {
			this.transactions.executeWithoutResult((status) -> {
				Recording recording = this.recordings.lock(id).orElse(null);
				if (recording != null && recording.inProgress() && recording.lastChunkAt().isBefore(before)) {
					log.info("Finishing recording {}: idle since {}", id, recording.lastChunkAt());
					finish(id);
				}
			});
		}
	}

	List<RecordingResponse> ofMeeting(UUID meetingId, UUID userId) {
		this.membership.requireMeeting(meetingId);
		this.membership.requireParticipant(meetingId, userId);
		return this.recordings.ofMeeting(meetingId).stream().map(RecordingResponse::of).toList();
	}

	RecordingResponse get(UUID recordingId, UUID userId) {
		return RecordingResponse.of(watchable(recordingId, userId));
	}

	/** A recording a current or past participant may watch. */
	Recording watchable(UUID recordingId, UUID userId) {
		Recording recording = this.recordings.find(recordingId).orElseThrow(RecordingException::notFound);
		this.membership.requireParticipant(recording.meetingId(), userId);
		return recording;
	}

	long mediaSize(Recording recording) throws MinioException {
		if (!recording.ready()) {
			throw new RecordingException(HttpStatus.CONFLICT, "recording-not-ready",
					recording.inProgress() ? "The recording is still in progress" : "The recording has no media");
		}
		long size = this.media.size(recording.objectKey());
		if (size < 0) {
			throw RecordingException.notFound();
		}
		return size;
	}

	InputStream openMedia(Recording recording, long offset, long length) throws MinioException {
		return this.media.open(recording.objectKey(), offset, length);
	}

	/**
	 * Deletes a recording and its media; only the meeting's host may. One in progress is
	 * announced as stopped.
	 */
	void delete(UUID recordingId, UUID userId) {
		Recording found = this.recordings.find(recordingId).orElseThrow(RecordingException::notFound);
		MeetingView meeting = this.membership.requireMeeting(found.meetingId());
		if (!userId.equals(meeting.hostId())) {
			throw new RecordingException(HttpStatus.FORBIDDEN, "not-host", "Only the host can delete a recording");
		}
		this.transactions.executeWithoutResult((status) -> {
			Recording recording = this.recordings.lock(recordingId).orElseThrow(RecordingException::notFound);
			List<Integer> staged = this.recordings.stagedChunks(recordingId)
				.stream()
				.map(RecordingRepository.StagedChunk::seq)
				.toList();
			if (recording.inProgress()) {
				// for the meeting and its chat, it stopped
				this.media.abortQuietly(recording.objectKey(), recording.uploadId());
				this.events.publishEvent(new RecordingEvents.Stopped(new RecordingResponse(recording.id(),
						recording.meetingId(), recording.startedBy(), Recording.FAILED, recording.startedAt(),
						this.clock.instant().truncatedTo(ChronoUnit.MICROS), recording.sizeBytes(),
						(recording.contentType() != null) ? recording.contentType() : "", null)));
			}
			else {
				storage(() -> this.media.remove(recording.objectKey()));
			}
			this.recordings.delete(recordingId);
			afterCommit(() -> this.media.removeStagedQuietly(recordingId, staged));
		});
	}

	/**
	 * Under the row lock: sends what is staged as the last part and completes the upload
	 * ({@code ready}), or abandons it when nothing was recorded ({@code failed}).
	 */
	private RecordingResponse finish(UUID recordingId) {
		Recording recording = this.recordings.lock(recordingId).orElseThrow(RecordingException::notFound);
		if (!recording.inProgress()) {
			return RecordingResponse.of(recording);
		}
		sendPart(recording, this.recordings.stagedChunks(recordingId));
		List<RecordingRepository.Part> parts = this.recordings.parts(recordingId);
		String status;
		if (parts.isEmpty()) {
			this.media.abortQuietly(recording.objectKey(), recording.uploadId());
			status = Recording.FAILED;
		}
		else {
			storage(() -> this.media.complete(recording.objectKey(), recording.uploadId(), parts));
			status = Recording.READY;
		}
		this.recordings.finish(recordingId, status, this.clock.instant());
		RecordingResponse response = RecordingResponse
			.of(this.recordings.find(recordingId).orElseThrow(RecordingException::notFound));
		this.events.publishEvent(new RecordingEvents.Stopped(response));
		return response;
	}

	/** Under the row lock: the staged chunks become the upload's next part. */
	private void sendPart(Recording recording, List<RecordingRepository.StagedChunk> staged) {
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

	private void requireModerator(UUID meetingId, UUID userId) {
		this.membership.awaitMember(meetingId, userId, MemberView::activeModerator)
			.orElseThrow(() -> new RecordingException(HttpStatus.FORBIDDEN, "not-moderator",
					"Only the host or a moderator can start or stop a recording"));
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

	/**
	 * The chunk's declared type, as sent, if it is one a browser records. Parameters are
	 * kept but not parsed: MediaRecorder's {@code video/webm;codecs=vp8,opus} is not a
	 * valid parameter by the letter of RFC 9110, yet it is what browsers send.
	 */
	private static String mediaType(String contentType) {
		String type = (contentType != null) ? contentType.strip() : "";
		if (MEDIA_TYPES.contains(baseType(type)) && type.length() <= 255
				&& type.chars().noneMatch(Character::isISOControl)) {
			return type;
		}
		throw new RecordingException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
				"A chunk is one of " + String.join(", ", MEDIA_TYPES));
	}

	private static String baseType(String contentType) {
		int parameters = contentType.indexOf(';');
		return ((parameters >= 0) ? contentType.substring(0, parameters) : contentType).strip()
			.toLowerCase(Locale.ROOT);
	}

	/** The request body in a temporary file, refused once it passes {@code maxSize}. */
	private static Path spool(InputStream body, long maxSize) throws IOException {
		Path chunk = Files.createTempFile("recording-chunk-", ".bin");
		try (OutputStream out = Files.newOutputStream(chunk)) {
			byte[] buffer = new byte[64 * 1024];
			long total = 0;
			for (int read = body.read(buffer); read != -1; read = body.read(buffer)) {
				total += read;
				if (total > maxSize) {
					throw tooLarge(maxSize);
				}
				out.write(buffer, 0, read);
			}
			return chunk;
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(chunk);
			throw ex;
		}
	}

	private static RecordingException tooLarge(long maxSize) {
		return new RecordingException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
				"A chunk is at most " + (maxSize / (1024 * 1024)) + " MiB");
	}

	private static RecordingException alreadyRecording() {
		return new RecordingException(HttpStatus.CONFLICT, "already-recording",
				"The meeting is already being recorded");
	}

	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	/** Runs an object store call inside a transaction; its failure rolls it back. */
	private static <T> T storage(StorageCall<T> call) {
		try {
			return call.run();
		}
		catch (MinioException | IOException ex) {
			throw new StorageException(ex);
		}
	}

	private static void storage(StorageAction action) {
		storage(() -> {
			action.run();
			return null;
		});
	}

	@FunctionalInterface
	private interface StorageCall<T> {

		T run() throws MinioException, IOException;

	}

	@FunctionalInterface
	private interface StorageAction {

		void run() throws MinioException, IOException;

	}

}
