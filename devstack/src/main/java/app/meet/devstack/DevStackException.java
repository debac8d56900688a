package app.meet.devstack;

/**
 * A server of the development stack could not be started or used; the message says why.
 */
public class DevStackException extends RuntimeException {

	public DevStackException(String message) {
		super(message);
	}

	public DevStackException(String message, Throwable cause) {
		super(message, cause);
	}

}
