package app.meet.recording.recordings;

import io.minio.errors.MinioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.platform.problem.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecordingExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(RecordingExceptionHandler.class);

	@ExceptionHandler(RecordingException.class)
	ProblemDetail refused(RecordingException ex) {
		ProblemDetail problem = Problems.of(ex.status(), ex.getMessage(), ex.code());
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

	@ExceptionHandler(MediaRange.Unsatisfiable.class)
	ResponseEntity<ProblemDetail> unsatisfiable(MediaRange.Unsatisfiable ex) {
		return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
			.header(HttpHeaders.CONTENT_RANGE, ex.contentRange())
			.body(Problems.of(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, ex.getMessage(), "range-not-satisfiable"));
	}

	@ExceptionHandler({ StorageException.class, MinioException.class })
	ProblemDetail storageFailed(Exception ex) {
		log.warn("The object store failed: {}", ex.getMessage());
		return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Recordings are unavailable for a moment; try again",
				"storage-unavailable");
	}

}
