package app.meet.chat.message;

import java.util.List;

import app.meet.platform.problem.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MessageExceptionHandler {

	@ExceptionHandler(ChatDisabledException.class)
	ProblemDetail chatDisabled(ChatDisabledException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, ex.getMessage(), "chat-disabled");
	}

	@ExceptionHandler(AttachmentNotFoundException.class)
	ProblemDetail attachmentNotFound(AttachmentNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "file-not-found");
	}

	@ExceptionHandler(InvalidMessageException.class)
	ProblemDetail invalid(InvalidMessageException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "The request has invalid fields",
				"validation-failed");
		return Problems.withFieldErrors(problem, List.of(new Problems.FieldError(ex.field(), ex.getMessage())));
	}

}
