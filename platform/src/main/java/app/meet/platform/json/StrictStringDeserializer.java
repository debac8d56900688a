package app.meet.platform.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Jackson's own reading of strings, made strict: a number, boolean, object or array where
 * text is expected is refused rather than turned into text, and so is text that no column
 * could store as sent (a NUL character, half of a surrogate pair, which the database
 * would keep as {@code ?}).
 */
class StrictStringDeserializer extends StringDeserializer {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		if (!parser.hasToken(JsonToken.VALUE_STRING)) {
			throw new InvalidTextException(parser, "must be a string");
		}
		String value = super.deserialize(parser, context);
		if (value.indexOf('\0') >= 0) {
			throw new InvalidTextException(parser, "must not contain NUL characters");
		}
		if (hasUnpairedSurrogate(value)) {
			throw new InvalidTextException(parser, "must not contain half of a surrogate pair");
		}
		return value;
	}

	private static boolean hasUnpairedSurrogate(String value) {
		for (int index = 0; index < value.length(); index++) {
			char current = value.charAt(index);
			if (Character.isHighSurrogate(current) && index + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(index + 1))) {
				index++;
			}
			else if (Character.isSurrogate(current)) {
				return true;
			}
		}
		return false;
	}

}
