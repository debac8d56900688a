package app.meet.auth.avatar;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats avatars may have, recognised by their first bytes, never by name or
 * header.
 */
enum ImageType {

	PNG("image/png"), JPEG("image/jpeg"), WEBP("image/webp");

	/** Enough of the file's start to tell the formats apart. */
	static final int SIGNATURE_LENGTH = 12;

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private final String contentType;

	ImageType(String contentType) {
		this.contentType = contentType;
	}

	String contentType() {
		return this.contentType;
	}

	static Optional<ImageType> detect(byte[] head) {
		if (head.length >= 8 && Arrays.equals(head, 0, 8, PNG_SIGNATURE, 0, 8)) {
			return Optional.of(PNG);
		}
		if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
			return Optional.of(JPEG);
		}
		if (head.length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
			return Optional.of(WEBP);
		}
		return Optional.empty();
	}

	private static boolean ascii(byte[] bytes, int offset, String expected) {
		for (int i = 0; i < expected.length(); i++) {
			if (bytes[offset + i] != expected.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
