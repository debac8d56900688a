package app.meet.chat.message;

/** The host turned chat off, and only the host and moderators may still write. */
class ChatDisabledException extends RuntimeException {

	ChatDisabledException() {
		super("Chat is turned off in this meeting");
	}

}
