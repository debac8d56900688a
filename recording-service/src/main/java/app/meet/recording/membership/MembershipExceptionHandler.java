package app.meet.recording.membership;

import app.meet.platform.problem.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Being outside a meeting is 403 (never 401, on which the frontend logs out). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MembershipExceptionHandler {

	@ExceptionHandler(MeetingNotFoundException.class)
	ProblemDetail notFound(MeetingNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "meeting-not-found");
	}

	@ExceptionHandler(NotAParticipantException.class)
	ProblemDetail notAParticipant(NotAParticipantException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, ex.getMessage(), "not-a-participant");
	}

}
