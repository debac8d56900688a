package app.meet.platform.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A member of a request that must be text is not, or is text no column could store as
 * sent; the request is refused before anything acts on it, naming the member.
 */
public class InvalidTextException extends MismatchedInputException {

	InvalidTextException(JsonParser parser, String message) {
		super(parser, message, String.class);
	}

}
