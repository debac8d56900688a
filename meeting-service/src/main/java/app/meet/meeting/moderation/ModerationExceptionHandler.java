package app.meet.meeting.moderation;

import app.meet.platform.problem.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** What the host and moderators may not do, as problems with stable codes. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ModerationExceptionHandler {

	@ExceptionHandler(ModerationRefusedException.class)
	ProblemDetail moderationRefused(ModerationRefusedException ex) {
		return Problems.of(ex.reason().status(), ex.getMessage(), ex.reason().code());
	}

}
