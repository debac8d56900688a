package app.meet.auth.account;

/** Invalid email or password. */
class InvalidCredentialsException extends RuntimeException {

	public InvalidCredentialsException() {
		super("Invalid email or password");
	}

}
