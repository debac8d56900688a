package app.meet.auth.account;

/** A valid token whose account no longer exists. */
class AccountGoneException extends RuntimeException {

	public AccountGoneException() {
		super("The account of this token no longer exists");
	}

}
