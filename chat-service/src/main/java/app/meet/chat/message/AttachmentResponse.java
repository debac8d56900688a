package app.meet.chat.message;

import java.util.UUID;

import app.meet.events.chat.Message;

/** The file a {@code file} message carries; {@code url} downloads it. */
record AttachmentResponse(UUID id, String name, long size, String contentType, String url) {

	static String url(UUID meetingId, UUID attachmentId) {
		return "/api/meetings/" + meetingId + "/files/" + attachmentId;
	}

	Message.Attachment asEvent() {
		return new Message.Attachment(this.id, this.name, this.size, this.contentType, this.url);
	}

}
