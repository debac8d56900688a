package app.meet.platform.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole numbers in paths, parameters and headers are written in ASCII decimal digits,
 * with an optional minus. Spring's default editors also read hexadecimal ({@code 0x1f},
 * {@code #1f}), a plus sign and other scripts' digits, so that {@code /chunks/0x1} would
 * be chunk 1; here those are of the wrong type, answered as such. Editors, not
 * converters: where a converter refuses a value, Spring falls back to its default editor.
 */
@ControllerAdvice
class DecimalWholeNumbers {

	@InitBinder
	void decimalDigitsOnly(WebDataBinder binder) {
		binder.registerCustomEditor(int.class, new DecimalEditor(Integer::valueOf, false));
		binder.registerCustomEditor(Integer.class, new DecimalEditor(Integer::valueOf, true));
		binder.registerCustomEditor(long.class, new DecimalEditor(Long::valueOf, false));
		binder.registerCustomEditor(Long.class, new DecimalEditor(Long::valueOf, true));
	}

	private static final class DecimalEditor extends PropertyEditorSupport {

		private final Function<String, Number> parse;

		private final boolean allowEmpty;

		private DecimalEditor(Function<String, Number> parse, boolean allowEmpty) {
			this.parse = parse;
			this.allowEmpty = allowEmpty;
		}

		@Override
		public void setAsText(String text) {
			if (this.allowEmpty && text.isEmpty()) {
				setValue(null);
				return;
			}
			int digitsFrom = text.startsWith("-") ? 1 : 0;
			if (digitsFrom == text.length()) {
				throw new NumberFormatException("No digits in \"" + text + "\"");
			}
			for (int at = digitsFrom; at < text.length(); at++) {
				if (text.charAt(at) < '0' || text.charAt(at) > '9') {
					throw new NumberFormatException("Not a decimal whole number: \"" + text + "\"");
				}
			}
			setValue(this.parse.apply(text));
		}

		@Override
		public String getAsText() {
			return (getValue() != null) ? getValue().toString() : "";
		}

	}

}
