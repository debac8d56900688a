package app.meet.meeting.meetings;

import app.meet.platform.problem.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The refusals every feature may give (not found, not the host, not a moderator, ended)
 * as problems with stable codes. Being outside a meeting is 403 or 404, never 401 (the
 * frontend logs out on 401).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MeetingExceptionHandler {

	@ExceptionHandler(NotHostException.class)
	ProblemDetail notHost(NotHostException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, ex.getMessage(), "not-host");
	}

	@ExceptionHandler(NotModeratorException.class)
	ProblemDetail notModerator(NotModeratorException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, ex.getMessage(), "not-moderator");
	}

	@ExceptionHandler(MeetingEndedException.class)
	ProblemDetail ended(MeetingEndedException ex) {
		return Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "meeting-ended");
	}

	@ExceptionHandler(MeetingNotFoundException.class)
	ProblemDetail notFound(MeetingNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "meeting-not-found");
	}

	@ExceptionHandler(ParticipantNotFoundException.class)
	ProblemDetail participantNotFound(ParticipantNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "participant-not-found");
	}

}
