package app.meet.platform.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/** Jackson's own reading of strings, refusing those with NUL characters. */
class NulRejectingStringDeserializer extends StringDeserializer {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		String value = super.deserialize(parser, context);
		if (value != null && value.indexOf('\0') >= 0) {
			throw new TextWithNulException(parser, value);
		}
		return value;
	}

}
