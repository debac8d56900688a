package app.meet.events.chat;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import app.meet.events.User;

/**
 * A chat message.
 *
 * @param id the message's id
 * @param meetingId the meeting
 * @param user who posted it (a system message is about this user)
 * @param type {@code text}, {@code file} or {@code system}
 * @param content the text
 * @param file the shared file of a {@code file} message
 * @param createdAt when it was posted
 */
public record Message(UUID id, UUID meetingId, User user, String type, String content, @Nullable Attachment file,
		Instant createdAt) {

	/**
	 * A shared file.
	 *
	 * @param id the file's id
	 * @param name its name as uploaded, cleaned
	 * @param size its size in bytes
	 * @param contentType its media type
	 * @param url where participants download it
	 */
	public record Attachment(UUID id, String name, long size, String contentType, String url) {

	}

}
