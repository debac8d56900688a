package app.meet.recording.recordings;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.minio.errors.MinioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.platform.membership.MemberView;
import app.meet.recording.config.RecordingProperties;
import app.meet.recording.membership.MeetingView;
import app.meet.recording.membership.Membership;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static app.meet.recording.recordings.StorageCalls.afterCommit;
import static app.meet.recording.recordings.StorageCalls.storage;

/**
 * Recordings: started by the host or a moderator of an active meeting, fed chunk by chunk
 * by the browser's MediaRecorder ({@link ChunkUploads}), finished by a stop, by ten idle
 * minutes or by the meeting's end. Every change of a recording happens under its row
 * lock, so parallel uploads of one chunk, an upload racing a stop, and two instances
 * finishing the same recording all resolve to one outcome.
 */
@Service
public class Recordings {

	private static final Logger log = LoggerFactory.getLogger(Recordings.class);

	private final Membership membership;

	private final RecordingRepository recordings;

	private final RecordingParts parts;

	private final MediaStore media;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final RecordingProperties properties;

	private final Clock clock;

	Recordings(Membership membership, RecordingRepository recordings, RecordingParts parts, MediaStore media,
			ApplicationEventPublisher events, TransactionTemplate transactions, RecordingProperties properties,
			Clock clock) {
		this.membership = membership;
		this.recordings = recordings;
		this.parts = parts;
		this.media = media;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
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
		this.parts.send(recording, this.recordings.stagedChunks(recordingId));
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

	private void requireModerator(UUID meetingId, UUID userId) {
		this.membership.awaitMember(meetingId, userId, MemberView::activeModerator)
			.orElseThrow(() -> new RecordingException(HttpStatus.FORBIDDEN, "not-moderator",
					"Only the host or a moderator can start or stop a recording"));
	}

	private static RecordingException alreadyRecording() {
		return new RecordingException(HttpStatus.CONFLICT, "already-recording",
				"The meeting is already being recorded");
	}

}
