package app.meet.recording.recordings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/** What a chunk of a recording may be: its media type, and its body within a size. */
final class Chunks {

	static final List<String> MEDIA_TYPES = List.of("video/webm", "video/mp4", "audio/webm", "audio/mp4");

	private Chunks() {
	}

	/**
	 * The chunk's declared type, as sent, if it is one a browser records. Parameters are
	 * kept but not parsed: MediaRecorder's {@code video/webm;codecs=vp8,opus} is not a
	 * valid parameter by the letter of RFC 9110, yet it is what browsers send.
	 * @throws RecordingException 415 for any other
	 */
	static String mediaType(String contentType) {
		String type = (contentType != null) ? contentType.strip() : "";
		if (MEDIA_TYPES.contains(baseType(type)) && type.length() <= 255
				&& type.chars().noneMatch(Character::isISOControl)) {
			return type;
		}
		throw new RecordingException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
				"A chunk is one of " + String.join(", ", MEDIA_TYPES));
	}

	/** The type without its parameters, in lower case: {@code video/webm}. */
	static String baseType(String contentType) {
		int parameters = contentType.indexOf(';');
		return ((parameters >= 0) ? contentType.substring(0, parameters) : contentType).strip()
			.toLowerCase(Locale.ROOT);
	}

	/**
	 * The request body in a temporary file, refused once it passes {@code maxSize}.
	 * @throws RecordingException 413 past {@code maxSize}, the file deleted
	 */
	static Path spool(InputStream body, long maxSize) throws IOException {
		Path chunk = Files.createTempFile("recording-chunk-", ".bin");
		try (OutputStream out = Files.newOutputStream(chunk)) {
			byte[] buffer = new byte[64 * 1024];
			long total = 0;
			for (int read = body.read(buffer); read != -1; read = body.read(buffer)) {
				total += read;
				if (total > maxSize) {
					throw tooLarge(maxSize);
				}
				out.write(buffer, 0, read);
			}
			return chunk;
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(chunk);
			throw ex;
		}
	}

	static RecordingException tooLarge(long maxSize) {
		return new RecordingException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
				"A chunk is at most " + (maxSize / (1024 * 1024)) + " MiB");
	}

}
