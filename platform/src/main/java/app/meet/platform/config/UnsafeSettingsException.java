package app.meet.platform.config;

/**
 * A service was started without a credential it needs, or with one anyone can know; it
 * refuses to start, and {@link UnsafeSettingsFailureAnalyzer} says which.
 */
public class UnsafeSettingsException extends IllegalStateException {

	UnsafeSettingsException(String message) {
		super(message);
	}

}
