package app.meet.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.problem.Problems;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own error answers, to requests it refuses before any servlet sees them (an
 * {@code Expect} it cannot meet, a request it cannot parse), as problem+json instead of
 * its HTML page. Errors raised in the application never get here: the error dispatch
 * answers them ({@link ProblemErrorController}).
 */
final class ProblemJsonErrorReportValve extends ErrorReportValve {

	private final JsonMapper json;

	ProblemJsonErrorReportValve(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String requestId = RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
		ProblemDetail problem = Problems.complete(ProblemDetail.forStatus(status), requestId);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.setHeader(RequestIds.HEADER, requestId);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(this.json.writeValueAsString(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client has gone; there is no one to tell
		}
	}

}
