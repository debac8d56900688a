package app.meet.platform.problem;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTests {

	@Test
	void completesAProblemWithTheMembersTheFrontendReads() {
		ProblemDetail problem = Problems
			.complete(Problems.of(HttpStatus.FORBIDDEN, "The meeting is full", "meeting-full"), "req-1");
		assertThat(problem.getTitle()).isEqualTo("Forbidden");
		assertThat(problem.getProperties()).containsEntry("code", "meeting-full")
			.containsEntry("error", "Forbidden")
			.containsEntry("message", "The meeting is full")
			.containsEntry("request_id", "req-1");
	}

	@Test
	void derivesAStableCodeFromTheStatusWhenNoneWasGiven() {
		assertThat(Problems.complete(ProblemDetail.forStatus(HttpStatus.METHOD_NOT_ALLOWED), null).getProperties())
			.containsEntry("code", "method-not-allowed")
			.containsEntry("message", "Method Not Allowed")
			.doesNotContainKey("request_id");
		assertThat(Problems.complete(ProblemDetail.forStatus(HttpStatus.CONTENT_TOO_LARGE), null).getProperties())
			.containsEntry("code", "payload-too-large");
		assertThat(Problems.complete(ProblemDetail.forStatus(418), null).getProperties()).containsEntry("code",
				"request-failed");
	}

	@Test
	void listsInvalidFields() {
		ProblemDetail problem = Problems.withFieldErrors(
				Problems.of(HttpStatus.BAD_REQUEST, "invalid", "validation-failed"),
				List.of(new Problems.FieldError("email", "must be a well-formed email address")));
		assertThat(problem.getProperties().get("errors"))
			.isEqualTo(List.of(new Problems.FieldError("email", "must be a well-formed email address")));
	}

}
