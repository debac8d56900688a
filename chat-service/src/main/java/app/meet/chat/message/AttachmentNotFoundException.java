package app.meet.chat.message;

class AttachmentNotFoundException extends RuntimeException {

	AttachmentNotFoundException() {
		super("File not found");
	}

}
