package app.meet.platform.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import app.meet.platform.problem.Problems;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatch (errors raised outside Spring MVC, in filters or
 * by the container itself) with problem+json instead of Boot's default error body.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		ProblemDetail problem;
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
				&& Unreachable.causedBy(failure)) {
			// a filter's dependency (the token denylist in Redis) is away: refused, for
			// now
			status = HttpStatus.SERVICE_UNAVAILABLE;
			response = ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, Unreachable.RETRY_AFTER_SECONDS);
			problem = Problems.of(status, Unreachable.DETAIL, "service-unavailable");
		}
		else {
			problem = ProblemDetail.forStatus(status);
			if (status.is5xxServerError()) {
				problem.setDetail("An unexpected error occurred");
			}
		}
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri != null) {
			problem.setInstance(URI.create(uri.toString()));
		}
		Problems.complete(problem, RequestIdFilter.requestId(request));
		return response.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
