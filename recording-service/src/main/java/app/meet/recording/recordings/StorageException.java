package app.meet.recording.recordings;

/** The object store failed; the change it was part of is rolled back. */
class StorageException extends RuntimeException {

	StorageException(Throwable cause) {
		super("The object store failed: " + cause.getMessage(), cause);
	}

}
