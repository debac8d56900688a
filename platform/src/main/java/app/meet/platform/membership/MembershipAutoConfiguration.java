package app.meet.platform.membership;

import app.meet.platform.problem.Problems;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The answers of a service that keeps a {@link MeetingMembership}: an unknown meeting is
 * 404, being outside it 403 (never 401, on which the frontend logs out).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean(MeetingMembership.class)
public class MembershipAutoConfiguration {

	@Bean
	MembershipExceptionHandler membershipExceptionHandler() {
		return new MembershipExceptionHandler();
	}

	@RestControllerAdvice
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class MembershipExceptionHandler {

		@ExceptionHandler(MeetingNotFoundException.class)
		ProblemDetail notFound(MeetingNotFoundException ex) {
			return Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "meeting-not-found");
		}

		@ExceptionHandler(NotAParticipantException.class)
		ProblemDetail notAParticipant(NotAParticipantException ex) {
			return Problems.of(HttpStatus.FORBIDDEN, ex.getMessage(), "not-a-participant");
		}

	}

}
