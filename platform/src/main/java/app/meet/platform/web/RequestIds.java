package app.meet.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code X-Request-ID} convention: a client's own id is kept when it is sane,
 * otherwise the request gets a new one; either way it is echoed on the response and
 * logged as {@code request_id}.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-ID";

	public static final String MDC_KEY = "request_id";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private RequestIds() {
	}

	public static String acceptOrCreate(String candidate) {
		return (candidate != null && SANE.matcher(candidate).matches()) ? candidate : UUID.randomUUID().toString();
	}

}
