package app.meet.recording.recordings;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A request recording-service refuses: its status, stable code and message, and any extra
 * members the client needs (the expected chunk of an {@code out-of-order}).
 */
class RecordingException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, Object> properties;

	RecordingException(HttpStatus status, String code, String message) {
		this(status, code, message, Map.of());
	}

	RecordingException(HttpStatus status, String code, String message, Map<String, Object> properties) {
		super(message);
		this.status = status;
		this.code = code;
		this.properties = properties;
	}

	static RecordingException notFound() {
		return new RecordingException(HttpStatus.NOT_FOUND, "recording-not-found", "Recording not found");
	}

	static RecordingException outOfOrder(int expectedSeq) {
		return new RecordingException(HttpStatus.CONFLICT, "out-of-order",
				"Chunk " + expectedSeq + " is the next one expected", Map.of("expected_seq", expectedSeq));
	}

	static RecordingException finished() {
		return new RecordingException(HttpStatus.CONFLICT, "recording-finished", "The recording has finished");
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	Map<String, Object> properties() {
		return this.properties;
	}

}
