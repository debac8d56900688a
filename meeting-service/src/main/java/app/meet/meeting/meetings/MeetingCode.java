package app.meet.meeting.meetings;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Codes like {@code abc-defg-hij}: ten random lower-case letters, stored without dashes
 * and looked up ignoring case, spaces and dashes.
 */
public final class MeetingCode {

	private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

	private static final SecureRandom RANDOM = new SecureRandom();

	private MeetingCode() {
	}

	/** A new random code, stored form. */
	static String generate() {
		StringBuilder code = new StringBuilder(10);
		for (int i = 0; i < 10; i++) {
			code.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
		}
		return code.toString();
	}

	/** The stored form of what a user typed, if it can be a code at all. */
	public static Optional<String> normalize(String typed) {
		String letters = typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
		return letters.matches("[a-z]{10}") ? Optional.of(letters) : Optional.empty();
	}

	/** {@code abcdefghij} as {@code abc-defg-hij}. */
	static String display(String stored) {
		return stored.substring(0, 3) + "-" + stored.substring(3, 7) + "-" + stored.substring(7);
	}

}
