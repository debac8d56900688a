package app.meet.chat.message;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import app.meet.events.chat.Message;
import app.meet.platform.users.UserView;

/**
 * A message as clients see it: {@code type} is {@code text}, {@code system} or
 * {@code file}; {@code file} is null unless it is a file; a system message's {@code user}
 * is whom it is about.
 */
record MessageResponse(UUID id, UUID meetingId, UserView user, String type, String content,
		@Nullable AttachmentResponse file, Instant createdAt) {

	static final String TEXT = "text";

	static final String SYSTEM = "system";

	static final String FILE = "file";

	/** The message as events carry it to the other services. */
	Message asEvent() {
		return new Message(this.id, this.meetingId, this.user.asEvent(), this.type, this.content,
				(this.file != null) ? this.file.asEvent() : null, this.createdAt);
	}

}
