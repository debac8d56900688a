package app.meet.meeting.participants;

import app.meet.platform.problem.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused join and a caller outside the meeting as problems with stable codes. A full
 * meeting is never 409 (the frontend reads 409 on join as "already in").
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ParticipantExceptionHandler {

	@ExceptionHandler(JoinRefusedException.class)
	ProblemDetail joinRefused(JoinRefusedException ex) {
		HttpStatus status = (ex.reason() == JoinRefusedException.Reason.ENDED) ? HttpStatus.GONE : HttpStatus.FORBIDDEN;
		return Problems.of(status, ex.getMessage(), ex.reason().code());
	}

	@ExceptionHandler(NotAParticipantException.class)
	ProblemDetail notAParticipant(NotAParticipantException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, ex.getMessage(), "not-a-participant");
	}

}
