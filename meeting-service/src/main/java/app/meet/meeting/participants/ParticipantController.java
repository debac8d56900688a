package app.meet.meeting.participants;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.meet.meeting.meetings.ParticipantResponse;
import app.meet.platform.users.UserDirectory;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/meetings}: join, leave, one's own state, the participant list. */
@RestController
@Tag(name = "meetings", description = "Meetings: create, find, join, leave, end, settings, participants")
class ParticipantController {

	private final Participation participation;

	private final UserDirectory users;

	ParticipantController(Participation participation, UserDirectory users) {
		this.participation = participation;
		this.users = users;
	}

	@Operation(
			summary = "Join a meeting by code (409 when full or ended, 403 while waiting for admission or after removal)")
	@PostMapping("/api/meetings/join")
	ParticipantResponse join(@AuthenticationPrincipal Jwt token, @Valid @RequestBody JoinRequest request) {
		return this.participation.join(this.users.remember(token), request.code());
	}

	@Operation(summary = "Leave a meeting")
	@PostMapping("/api/meetings/{id}/leave")
	Map<String, String> leave(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		this.participation.leave(id, UUID.fromString(token.getSubject()));
		return Map.of("message", "Left meeting successfully");
	}

	@Operation(summary = "Change the caller's own media state and raised hand")
	@PatchMapping("/api/meetings/{id}/participants/me")
	ParticipantResponse updateMyState(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@Valid @RequestBody MyStateRequest request) {
		return this.participation.updateState(id, UUID.fromString(token.getSubject()), request);
	}

	@Operation(summary = "The meeting's participants (`include=left` adds those who left)")
	@GetMapping("/api/meetings/{id}/participants")
	List<ParticipantResponse> participants(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@RequestParam(required = false) @Pattern(regexp = "left") String include) {
		return this.participation.participants(id, UUID.fromString(token.getSubject()), include != null);
	}

	@Schema(name = "JoinMeeting")
	record JoinRequest(@NotBlank @Size(max = 40) @Schema(example = "beb-lgxs-blv") String code) {
	}

}
