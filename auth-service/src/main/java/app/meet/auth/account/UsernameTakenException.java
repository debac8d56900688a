package app.meet.auth.account;

/** This username is taken. */
class UsernameTakenException extends RuntimeException {

	public UsernameTakenException() {
		super("This username is taken");
	}

}
