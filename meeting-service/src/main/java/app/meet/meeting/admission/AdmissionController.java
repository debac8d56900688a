package app.meet.meeting.admission;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.meet.meeting.meetings.ParticipantResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/meetings/{id}/participants/{user_id}/admit|deny}: the host's and
 * moderators' answers to the waiting room.
 */
@RestController
@Tag(name = "moderation", description = "The host and moderators act on participants")
class AdmissionController {

	private final AdmissionService admissions;

	AdmissionController(AdmissionService admissions) {
		this.admissions = admissions;
	}

	@Operation(summary = "Let in a user from the waiting room")
	@PostMapping("/api/meetings/{id}/participants/{userId}/admit")
	ParticipantResponse admit(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @PathVariable UUID userId) {
		return this.admissions.admit(id, userId, UUID.fromString(token.getSubject()));
	}

	@Operation(summary = "Turn away a user in the waiting room")
	@PostMapping("/api/meetings/{id}/participants/{userId}/deny")
	ParticipantResponse deny(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @PathVariable UUID userId) {
		return this.admissions.deny(id, userId, UUID.fromString(token.getSubject()));
	}

}
