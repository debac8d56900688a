package app.meet.platform.web;

import java.sql.SQLTransientConnectionException;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import app.meet.platform.json.InvalidTextException;
import app.meet.platform.problem.Problems;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception Spring MVC knows into problem+json, and anything unexpected into
 * a 500 that reveals nothing of the server's inside. Features map their own domain
 * exceptions with handlers of their own, which take precedence;
 * {@link ProblemDetailCompletion} adds Meet's members to all of them.
 */
@RestControllerAdvice
class ProblemDetailsExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsExceptionHandler.class);

	/**
	 * Seconds a client is asked to wait when the database's connections are all taken.
	 */
	private static final String BUSY_RETRY_AFTER_SECONDS = "1";

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		if (causedByConnectionShortage(ex)) {
			return handleConnectionShortage(ex, request);
		}
		if (Unreachable.causedBy(ex)) {
			log.warn("A server this service needs is unreachable: {}", ex.getMessage());
			ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Unreachable.DETAIL,
					"service-unavailable");
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, Unreachable.RETRY_AFTER_SECONDS);
			return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
		}
		log.error("Unhandled exception", ex);
		ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred",
				"internal-error");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	/**
	 * Every connection of the pool stayed taken for its whole timeout: a burst the
	 * service can take again in a moment, not a fault, so the client is asked to retry.
	 */
	private ResponseEntity<Object> handleConnectionShortage(Exception ex, WebRequest request) {
		log.warn("No database connection free in time: {}", ex.getMessage());
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The service is busy, try again shortly",
				"service-unavailable");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER_SECONDS);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	/**
	 * The pool's timeout, however the data access layer wrapped it (a transaction that
	 * could not begin, a statement that could not get a connection).
	 */
	private static boolean causedByConnectionShortage(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException) {
				return true;
			}
		}
		return false;
	}

	/** Constraints checked on method parameters outside Spring MVC's own validation. */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		ProblemDetail problem = invalidFields(ex.getConstraintViolations()
			.stream()
			.map((violation) -> new Problems.FieldError(toSnakeCase(lastNode(violation.getPropertyPath().toString())),
					violation.getMessage()))
			.toList());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = invalidFields(ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new Problems.FieldError(
						toSnakeCase(result.getMethodParameter().getParameterName() != null
								? result.getMethodParameter().getParameterName() : "parameter"),
						(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid")))
			.toList());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A path variable, parameter or header that is not of its type ({@code id} not a
	 * UUID, {@code limit} not a number): the field and what it must be.
	 */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String field = name.contains("-") ? name : toSnakeCase(name);
		ProblemDetail problem = invalidFields(List.of(new Problems.FieldError(field, mustBe(ex.getRequiredType()))));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static String mustBe(Class<?> type) {
		if (type == null) {
			return "has an invalid value";
		}
		if (type == UUID.class) {
			return "must be a UUID";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "must be a whole number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (TemporalAccessor.class.isAssignableFrom(type)) {
			return "must be a date and time such as 2026-01-31T09:30:00Z";
		}
		if (type.isEnum()) {
			return Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", ", "must be one of ", ""));
		}
		return "has an invalid value";
	}

	private static String lastNode(String path) {
		return path.substring(path.lastIndexOf('.') + 1);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = invalidFields(fieldErrors(ex.getBindingResult()));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "No such path", "not-found");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getMostSpecificCause() instanceof InvalidTextException text) {
			ProblemDetail problem = invalidFields(
					List.of(new Problems.FieldError(fieldOf(text), text.getOriginalMessage())));
			return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
		}
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON",
				"malformed-request");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A multipart request that cannot be read (no boundary, a broken part); too large a
	 * one is 413, handled above.
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> handleMalformedMultipart(MultipartException ex, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "The multipart request body cannot be read",
				"malformed-request");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/** The member's path as the client sent it, such as {@code settings.title}. */
	private static String fieldOf(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map(JacksonException.Reference::getPropertyName)
			.filter(Objects::nonNull)
			.collect(Collectors.joining("."));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response == null || response.getBody() instanceof ProblemDetail) {
			return response;
		}
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.body(ProblemDetail.forStatus(statusCode));
	}

	private static ProblemDetail invalidFields(List<Problems.FieldError> errors) {
		return Problems.withFieldErrors(
				Problems.of(HttpStatus.BAD_REQUEST, "The request has invalid fields", "validation-failed"), errors);
	}

	private static List<Problems.FieldError> fieldErrors(BindingResult result) {
		return result.getFieldErrors()
			.stream()
			.map((error) -> new Problems.FieldError(toSnakeCase(error.getField()),
					(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid"))
			.toList();
	}

	/**
	 * Field names in errors match the wire's snake_case, not the Java record's camelCase.
	 */
	static String toSnakeCase(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
