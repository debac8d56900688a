package app.meet.platform.web;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole numbers and UUIDs in paths, parameters and headers are read only as they are
 * written: ASCII decimal digits with an optional minus, and a UUID's 36 characters.
 * Spring's default editors also read hexadecimal ({@code 0x1f}, {@code #1f}), a plus sign
 * and other scripts' digits, so that {@code /chunks/0x1} would be chunk 1, and
 * {@link UUID#fromString} reads {@code 1-2-3-4-5} as a UUID; here those are of the wrong
 * type, answered as such. Editors, not converters: where a converter refuses a value,
 * Spring falls back to its default editor.
 */
@ControllerAdvice
public class CanonicalValues {

	private static final int UUID_LENGTH = 36;

	@InitBinder
	void canonicalValuesOnly(WebDataBinder binder) {
		binder.registerCustomEditor(int.class, new CanonicalEditor((text) -> Integer.valueOf(decimal(text)), false));
		binder.registerCustomEditor(Integer.class, new CanonicalEditor((text) -> Integer.valueOf(decimal(text)), true));
		binder.registerCustomEditor(long.class, new CanonicalEditor((text) -> Long.valueOf(decimal(text)), false));
		binder.registerCustomEditor(Long.class, new CanonicalEditor((text) -> Long.valueOf(decimal(text)), true));
		binder.registerCustomEditor(UUID.class, new CanonicalEditor(CanonicalValues::uuid, true));
	}

	/**
	 * A UUID in its canonical form: 8-4-4-4-12 hexadecimal digits, in either case.
	 * @throws IllegalArgumentException for anything else
	 */
	public static UUID uuid(String text) {
		if (text.length() != UUID_LENGTH) {
			throw new IllegalArgumentException("Not a UUID: \"" + text + "\"");
		}
		for (int at = 0; at < UUID_LENGTH; at++) {
			char character = text.charAt(at);
			boolean valid = (at == 8 || at == 13 || at == 18 || at == 23) ? character == '-'
					: Character.digit(character, 16) >= 0 && character < 128;
			if (!valid) {
				throw new IllegalArgumentException("Not a UUID: \"" + text + "\"");
			}
		}
		return UUID.fromString(text);
	}

	private static String decimal(String text) {
		int digitsFrom = text.startsWith("-") ? 1 : 0;
		if (digitsFrom == text.length()) {
			throw new NumberFormatException("No digits in \"" + text + "\"");
		}
		for (int at = digitsFrom; at < text.length(); at++) {
			if (text.charAt(at) < '0' || text.charAt(at) > '9') {
				throw new NumberFormatException("Not a decimal whole number: \"" + text + "\"");
			}
		}
		return text;
	}

	private static final class CanonicalEditor extends PropertyEditorSupport {

		private final Function<String, Object> parse;

		private final boolean allowEmpty;

		private CanonicalEditor(Function<String, Object> parse, boolean allowEmpty) {
			this.parse = parse;
			this.allowEmpty = allowEmpty;
		}

		@Override
		public void setAsText(String text) {
			setValue((this.allowEmpty && text.isEmpty()) ? null : this.parse.apply(text));
		}

		@Override
		public String getAsText() {
			return (getValue() != null) ? getValue().toString() : "";
		}

	}

}
