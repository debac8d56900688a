package app.meet.auth.account;

/** A valid token whose account no longer exists. */
public class AccountGoneException extends RuntimeException {

	public AccountGoneException() {
		super("The account of this token no longer exists");
	}

}
