package app.meet.recording.recordings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RecordingRepository {

	private static final String COLUMNS = """
			id, meeting_id, started_by, status, started_at, stopped_at, size_bytes, content_type, object_key,
			upload_id, next_seq, last_chunk_at""";

	private final JdbcClient jdbc;

	RecordingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Recording recording) {
		this.jdbc.sql("""
				INSERT INTO recordings (id, meeting_id, started_by, status, started_at, object_key, upload_id,
					last_chunk_at)
				VALUES (:id, :meeting, :startedBy, :status, :startedAt, :objectKey, :uploadId, :startedAt)
				""")
			.param("id", recording.id())
			.param("meeting", recording.meetingId())
			.param("startedBy", recording.startedBy())
			.param("status", recording.status())
			.param("startedAt", Timestamp.from(recording.startedAt()))
			.param("objectKey", recording.objectKey())
			.param("uploadId", recording.uploadId())
			.update();
	}

	Optional<Recording> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM recordings WHERE id = :id")
			.param("id", id)
			.query(RecordingRepository::recording)
			.optional();
	}

	/**
	 * The recording, locked until the transaction ends: uploads, stop and finishing
	 * queue.
	 */
	Optional<Recording> lock(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM recordings WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(RecordingRepository::recording)
			.optional();
	}

	Optional<Recording> inProgress(UUID meetingId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM recordings WHERE meeting_id = :meeting AND status = 'recording'")
			.param("meeting", meetingId)
			.query(RecordingRepository::recording)
			.optional();
	}

	List<Recording> ofMeeting(UUID meetingId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM recordings WHERE meeting_id = :meeting ORDER BY started_at DESC, id")
			.param("meeting", meetingId)
			.query(RecordingRepository::recording)
			.list();
	}

	List<UUID> idleSince(Instant lastChunkBefore) {
		return this.jdbc.sql(
				"SELECT id FROM recordings WHERE status = 'recording' AND last_chunk_at < :before ORDER BY last_chunk_at")
			.param("before", Timestamp.from(lastChunkBefore))
			.query(UUID.class)
			.list();
	}

	/** Records chunk {@code seq} as staged, the next one as expected. */
	void addChunk(UUID id, int seq, long size, String contentType, Instant now) {
		this.jdbc.sql("INSERT INTO recording_chunks (recording_id, seq, size) VALUES (:id, :seq, :size)")
			.param("id", id)
			.param("seq", seq)
			.param("size", size)
			.update();
		this.jdbc.sql("""
				UPDATE recordings SET next_seq = :seq + 1, size_bytes = size_bytes + :size,
					content_type = coalesce(content_type, :contentType), last_chunk_at = :now
				WHERE id = :id
				""")
			.param("id", id)
			.param("seq", seq)
			.param("size", size)
			.param("contentType", contentType)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** The chunks staged since the last part, in order. */
	List<StagedChunk> stagedChunks(UUID id) {
		return this.jdbc.sql("SELECT seq, size FROM recording_chunks WHERE recording_id = :id ORDER BY seq")
			.param("id", id)
			.query((row, index) -> new StagedChunk(row.getInt("seq"), row.getLong("size")))
			.list();
	}

	/** The staged chunks became part {@code partNumber}. */
	void addPart(UUID id, int partNumber, String etag, long size) {
		this.jdbc.sql("""
				INSERT INTO recording_parts (recording_id, part_number, etag, size)
				VALUES (:id, :part, :etag, :size)
				""").param("id", id).param("part", partNumber).param("etag", etag).param("size", size).update();
		this.jdbc.sql("DELETE FROM recording_chunks WHERE recording_id = :id").param("id", id).update();
	}

	List<Part> parts(UUID id) {
		return this.jdbc
			.sql("SELECT part_number, etag, size FROM recording_parts WHERE recording_id = :id ORDER BY part_number")
			.param("id", id)
			.query((row, index) -> new Part(row.getInt("part_number"), row.getString("etag"), row.getLong("size")))
			.list();
	}

	void finish(UUID id, String status, Instant now) {
		this.jdbc.sql("UPDATE recordings SET status = :status, stopped_at = :now, upload_id = NULL WHERE id = :id")
			.param("id", id)
			.param("status", status)
			.param("now", Timestamp.from(now))
			.update();
		this.jdbc.sql("DELETE FROM recording_parts WHERE recording_id = :id").param("id", id).update();
	}

	void delete(UUID id) {
		this.jdbc.sql("DELETE FROM recordings WHERE id = :id").param("id", id).update();
	}

	private static Recording recording(ResultSet row, int index) throws SQLException {
		return new Recording(row.getObject("id", UUID.class), row.getObject("meeting_id", UUID.class),
				row.getObject("started_by", UUID.class), row.getString("status"), instant(row, "started_at"),
				instant(row, "stopped_at"), row.getLong("size_bytes"), row.getString("content_type"),
				row.getString("object_key"), row.getString("upload_id"), row.getInt("next_seq"),
				instant(row, "last_chunk_at"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	record StagedChunk(int seq, long size) {
	}

	record Part(int number, String etag, long size) {
	}

}
