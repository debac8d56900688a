package app.meet.recording.recordings;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.events.User;
import app.meet.events.meeting.Meeting;
import app.meet.events.meeting.MeetingSettings;
import app.meet.recording.membership.Membership;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finishing without a stop, against the real database and object store: a recording idle
 * for {@code meet.recording.idle-timeout} is finished with what it has, one that received
 * nothing is marked failed, and either way it is announced once.
 */
@SpringBootTest(properties = { "meet.recording.idle-timeout=2s", "meet.recording.idle-check-interval=200ms" })
@EmbeddedInfrastructure
class RecordingFinishingIntegrationTests {

	@Autowired
	private Recordings recordings;

	@Autowired
	private ChunkUploads uploads;

	@Autowired
	private RecordingRepository repository;

	@Autowired
	private Membership membership;

	@Autowired
	private MediaStore media;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void anIdleRecordingIsFinishedWithWhatItHas() throws Exception {
		UUID hostId = UUID.randomUUID();
		UUID meetingId = activeMeeting(hostId);
		RecordingResponse started = this.recordings.start(meetingId, hostId);
		byte[] chunk = new byte[300_000];
		new Random(7).nextBytes(chunk);
		this.uploads.upload(started.id(), hostId, 0, "audio/webm", chunk.length, new ByteArrayInputStream(chunk));
		assertThat(this.repository.find(started.id())).hasValueSatisfying((recording) -> {
			assertThat(recording.inProgress()).as("still recording right after a chunk").isTrue();
			assertThat(recording.startedAt()).as("the start as answered").isEqualTo(started.startedAt());
		});

		Recording finished = awaitFinished(started.id());

		assertThat(finished.status()).isEqualTo(Recording.READY);
		assertThat(finished.sizeBytes()).isEqualTo(chunk.length);
		try (var media = this.recordings.openMedia(finished, 0, chunk.length)) {
			assertThat(media.readAllBytes()).isEqualTo(chunk);
		}
		assertThat(stoppedEvents(started.id())).isEqualTo(1);
	}

	@Test
	void anIdleRecordingWithNothingInItFails() throws Exception {
		UUID hostId = UUID.randomUUID();
		UUID meetingId = activeMeeting(hostId);
		RecordingResponse started = this.recordings.start(meetingId, hostId);

		Recording finished = awaitFinished(started.id());

		assertThat(finished.status()).isEqualTo(Recording.FAILED);
		assertThat(RecordingResponse.of(finished).mediaUrl()).isNull();
		assertThat(stoppedEvents(started.id())).isEqualTo(1);
	}

	@Test
	void deletingARecordingRemovesItsMedia() throws Exception {
		UUID hostId = UUID.randomUUID();
		UUID meetingId = activeMeeting(hostId);
		RecordingResponse started = this.recordings.start(meetingId, hostId);
		byte[] chunk = new byte[100_000];
		this.uploads.upload(started.id(), hostId, 0, "video/webm", chunk.length, new ByteArrayInputStream(chunk));
		Recording finished = awaitFinished(started.id());
		assertThat(this.media.size(finished.objectKey())).isEqualTo(chunk.length);

		this.recordings.delete(started.id(), hostId);

		assertThat(this.repository.find(started.id())).isEmpty();
		assertThat(this.media.size(finished.objectKey())).as("the stored object").isEqualTo(-1);
	}

	@Test
	void deletingARecordingInProgressAnnouncesItStopped() throws Exception {
		UUID hostId = UUID.randomUUID();
		UUID meetingId = activeMeeting(hostId);
		RecordingResponse started = this.recordings.start(meetingId, hostId);

		this.recordings.delete(started.id(), hostId);

		assertThat(this.repository.find(started.id())).isEmpty();
		assertThat(stoppedEvents(started.id())).isEqualTo(1);
	}

	private UUID activeMeeting(UUID hostId) {
		UUID meetingId = UUID.randomUUID();
		Instant now = Instant.now();
		User host = new User(hostId, "host", "Host", "", now);
		this.membership
			.applyMeeting(
					new Meeting(meetingId, "abc-defg-hij", "Finishing", "", hostId, host, "active", null, now, null, 10,
							false, null, 1, new MeetingSettings(true, true, false, true, false, true, 300), now, now),
					now);
		this.membership.applyMember(meetingId, hostId, "host", "active", now);
		return meetingId;
	}

	private Recording awaitFinished(UUID id) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
		Recording recording = this.repository.find(id).orElseThrow();
		while (recording.inProgress() && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
			recording = this.repository.find(id).orElseThrow();
		}
		return recording;
	}

	/** The {@code meet.recording.stopped} events in the outbox for the recording. */
	private int stoppedEvents(UUID id) {
		return this.jdbc
			.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE :stopped AND serialized_event LIKE :id")
			.param("stopped", "%$Stopped")
			.param("id", "%" + id + "%")
			.query(Integer.class)
			.single();
	}

}
