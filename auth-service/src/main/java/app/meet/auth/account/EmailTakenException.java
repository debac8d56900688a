package app.meet.auth.account;

/** An account with this email already exists. */
class EmailTakenException extends RuntimeException {

	public EmailTakenException() {
		super("An account with this email already exists");
	}

}
