package app.meet.chat.message;

/** A field of a message that no annotation could check, such as trimmed content. */
class InvalidMessageException extends RuntimeException {

	private final String field;

	InvalidMessageException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
