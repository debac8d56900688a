package app.meet.platform.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON string of a request carries a NUL character, which PostgreSQL cannot store in a
 * text column; the request is refused before anything acts on it.
 */
public class TextWithNulException extends InvalidFormatException {

	TextWithNulException(JsonParser parser, String value) {
		super(parser, "must not contain NUL characters", value, String.class);
	}

}
