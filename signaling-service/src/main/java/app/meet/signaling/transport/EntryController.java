package app.meet.signaling.transport;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.meet.platform.problem.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ws} without an upgrade: answers whether the upgrade would be let through
 * (204) or why not. The gateway asks this before it upgrades a client's connection,
 * because once upgraded it could no longer refuse with a status.
 */
@RestController
@Tag(name = "calls", description = "What a WebRTC call needs besides signaling")
class EntryController {

	private final Entry entry;

	EntryController(Entry entry) {
		this.entry = entry;
	}

	@Operation(
			summary = "Would the signaling WebSocket be accepted? (204, or the refusal); with `Upgrade: websocket` it opens")
	@GetMapping(path = "/ws", headers = "!Upgrade")
	@ApiResponse(responseCode = "204", description = "The upgrade would be accepted")
	ResponseEntity<Void> check(@AuthenticationPrincipal Jwt token,
			@RequestParam(name = "meeting_id", required = false) String meetingId) {
		this.entry.check(token, meetingId);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(EntryRefusedException ex) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status());
		if (ex.status() == HttpStatus.SERVICE_UNAVAILABLE) {
			response.header(HttpHeaders.RETRY_AFTER, EntryRefusedException.RETRY_AFTER_SECONDS);
		}
		return response.body(Problems.of(ex.status(), ex.getMessage(), ex.code()));
	}

}
