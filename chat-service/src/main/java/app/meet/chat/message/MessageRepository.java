package app.meet.chat.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.meet.platform.users.UserDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MessageRepository {

	private static final String SELECT = """
			SELECT m.id, m.meeting_id, m.type, m.content, m.created_at,
				u.id AS user_id, u.username AS user_username, u.name AS user_name, u.avatar_url AS user_avatar_url,
				u.created_at AS user_created_at,
				a.id AS file_id, a.name AS file_name, a.size AS file_size, a.content_type AS file_content_type
			FROM messages m JOIN users u ON u.id = m.user_id LEFT JOIN attachments a ON a.id = m.attachment_id
			""";

	private final JdbcClient jdbc;

	MessageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, UUID meetingId, long seq, UUID userId, String type, String content, UUID attachmentId,
			Timestamp createdAt) {
		this.jdbc.sql("""
				INSERT INTO messages (id, meeting_id, seq, user_id, type, content, attachment_id, created_at)
				VALUES (:id, :meeting, :seq, :user, :type, :content, :attachment, :createdAt)
				""")
			.param("id", id)
			.param("meeting", meetingId)
			.param("seq", seq)
			.param("user", userId)
			.param("type", type)
			.param("content", content)
			.param("attachment", attachmentId)
			.param("createdAt", createdAt)
			.update();
	}

	void insertAttachment(Attachment attachment, UUID uploadedBy, Timestamp createdAt) {
		this.jdbc.sql("""
				INSERT INTO attachments (id, meeting_id, uploaded_by, name, size, content_type, object_key, created_at)
				VALUES (:id, :meeting, :uploadedBy, :name, :size, :contentType, :objectKey, :createdAt)
				""")
			.param("id", attachment.id())
			.param("meeting", attachment.meetingId())
			.param("uploadedBy", uploadedBy)
			.param("name", attachment.name())
			.param("size", attachment.size())
			.param("contentType", attachment.contentType())
			.param("objectKey", attachment.objectKey())
			.param("createdAt", createdAt)
			.update();
	}

	Optional<MessageResponse> find(UUID id) {
		return this.jdbc.sql(SELECT + " WHERE m.id = :id").param("id", id).query(MessageRepository::map).optional();
	}

	/**
	 * The newest {@code limit} messages numbered below {@code beforeSeq}, newest first.
	 */
	List<MessageResponse> newestBefore(UUID meetingId, long beforeSeq, int limit) {
		return this.jdbc
			.sql(SELECT + " WHERE m.meeting_id = :meeting AND m.seq < :before ORDER BY m.seq DESC LIMIT :limit")
			.param("meeting", meetingId)
			.param("before", beforeSeq)
			.param("limit", limit)
			.query(MessageRepository::map)
			.list();
	}

	Optional<Long> seqOf(UUID meetingId, UUID messageId) {
		return this.jdbc.sql("SELECT seq FROM messages WHERE id = :id AND meeting_id = :meeting")
			.param("id", messageId)
			.param("meeting", meetingId)
			.query(Long.class)
			.optional();
	}

	Optional<Attachment> attachment(UUID meetingId, UUID attachmentId) {
		return this.jdbc.sql("SELECT * FROM attachments WHERE id = :id AND meeting_id = :meeting")
			.param("id", attachmentId)
			.param("meeting", meetingId)
			.query((row, index) -> new Attachment(row.getObject("id", UUID.class),
					row.getObject("meeting_id", UUID.class), row.getString("name"), row.getLong("size"),
					row.getString("content_type"), row.getString("object_key")))
			.optional();
	}

	private static MessageResponse map(ResultSet row, int index) throws SQLException {
		UUID meetingId = row.getObject("meeting_id", UUID.class);
		UUID fileId = row.getObject("file_id", UUID.class);
		AttachmentResponse file = (fileId != null) ? new AttachmentResponse(fileId, row.getString("file_name"),
				row.getLong("file_size"), row.getString("file_content_type"), AttachmentResponse.url(meetingId, fileId))
				: null;
		return new MessageResponse(row.getObject("id", UUID.class), meetingId, UserDirectory.map(row, "user_"),
				row.getString("type"), row.getString("content"), file, row.getTimestamp("created_at").toInstant());
	}

	/** A stored file of a meeting. */
	record Attachment(UUID id, UUID meetingId, String name, long size, String contentType, String objectKey) {

		AttachmentResponse response() {
			return new AttachmentResponse(this.id, this.name, this.size, this.contentType,
					AttachmentResponse.url(this.meetingId, this.id));
		}

	}

}
