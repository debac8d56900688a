package app.meet.auth.account;

/** No such user. */
class UserNotFoundException extends RuntimeException {

	public UserNotFoundException() {
		super("No such user");
	}

}
