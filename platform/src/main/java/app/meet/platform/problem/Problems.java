package app.meet.platform.problem;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The problem+json members every Meet error carries beyond RFC 9457: a stable
 * {@code code}, the frontend's {@code error} (short reason) and {@code message} (detail),
 * and the {@code request_id}.
 */
public final class Problems {

	public static final String CODE = "code";

	public static final String ERROR = "error";

	public static final String MESSAGE = "message";

	public static final String REQUEST_ID = "request_id";

	public static final String ERRORS = "errors";

	private static final Map<Integer, String> CODES_BY_STATUS = Map.ofEntries(Map.entry(400, "malformed-request"),
			Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"), Map.entry(404, "not-found"),
			Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"), Map.entry(409, "conflict"),
			Map.entry(413, "payload-too-large"), Map.entry(414, "uri-too-long"),
			Map.entry(415, "unsupported-media-type"), Map.entry(417, "expectation-failed"),
			Map.entry(429, "too-many-requests"), Map.entry(431, "headers-too-large"), Map.entry(500, "internal-error"),
			Map.entry(502, "bad-gateway"), Map.entry(503, "service-unavailable"), Map.entry(504, "gateway-timeout"));

	private Problems() {
	}

	/** A problem with the given status, detail and code. */
	public static ProblemDetail of(HttpStatusCode status, String detail, String code) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty(CODE, code);
		return problem;
	}

	/**
	 * Completes a problem with the members the frontend reads; keeps a {@code code}
	 * already set.
	 * @param problem the problem to complete
	 * @param requestId the request's id, or {@code null}
	 * @return the same problem
	 */
	public static ProblemDetail complete(ProblemDetail problem, String requestId) {
		HttpStatus status = HttpStatus.resolve(problem.getStatus());
		if (problem.getTitle() == null && status != null) {
			problem.setTitle(status.getReasonPhrase());
		}
		if (problem.getDetail() == null) {
			problem.setDetail(problem.getTitle());
		}
		Map<String, Object> properties = problem.getProperties();
		if (properties == null || !properties.containsKey(CODE)) {
			problem.setProperty(CODE, defaultCode(problem.getStatus()));
		}
		problem.setProperty(ERROR, problem.getTitle());
		problem.setProperty(MESSAGE, problem.getDetail());
		if (requestId != null) {
			problem.setProperty(REQUEST_ID, requestId);
		}
		return problem;
	}

	/** Adds per-field validation errors as {@code errors: [{field, message}]}. */
	public static ProblemDetail withFieldErrors(ProblemDetail problem, List<FieldError> errors) {
		problem.setProperty(ERRORS, errors);
		return problem;
	}

	static String defaultCode(int status) {
		return CODES_BY_STATUS.getOrDefault(status, (status >= 500) ? "internal-error" : "request-failed");
	}

	/** One invalid field of a request. */
	public record FieldError(String field, String message) {
	}

}
