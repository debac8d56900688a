package app.meet.meeting.moderation;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.meet.meeting.meetings.ParticipantResponse;
import app.meet.meeting.meetings.ParticipantRole;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/meetings/{id}/participants/{user_id}/...}: what the host and moderators do
 * to participants.
 */
@RestController
@Tag(name = "moderation", description = "The host and moderators act on participants")
class ModerationController {

	private final ModerationService moderation;

	ModerationController(ModerationService moderation) {
		this.moderation = moderation;
	}

	@Operation(summary = "Mute a participant")
	@PostMapping("/api/meetings/{id}/participants/{userId}/mute")
	ParticipantResponse mute(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @PathVariable UUID userId) {
		return this.moderation.mute(id, userId, UUID.fromString(token.getSubject()));
	}

	@Operation(summary = "Remove a participant; they cannot join again")
	@PostMapping("/api/meetings/{id}/participants/{userId}/remove")
	ParticipantResponse remove(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @PathVariable UUID userId) {
		return this.moderation.remove(id, userId, UUID.fromString(token.getSubject()));
	}

	@Operation(summary = "Make a participant a moderator or a guest again (host)")
	@PutMapping("/api/meetings/{id}/participants/{userId}/role")
	ParticipantResponse changeRole(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @PathVariable UUID userId,
			@Valid @RequestBody RoleRequest request) {
		return this.moderation.changeRole(id, userId, ParticipantRole.of(request.role()),
				UUID.fromString(token.getSubject()));
	}

	@Schema(name = "ChangeRole")
	record RoleRequest(@NotNull @Pattern(regexp = "moderator|guest",
			message = "must be moderator or guest") @Schema(example = "moderator") String role) {
	}

}
