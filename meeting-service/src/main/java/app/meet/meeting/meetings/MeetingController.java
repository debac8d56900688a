package app.meet.meeting.meeting;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.meet.meeting.participant.ParticipantResponse;
import app.meet.platform.users.UserDirectory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/meetings}: create, find, list, join, leave, participants. */
@RestController
@Tag(name = "meetings", description = "Meetings: create, find, join, leave, end, settings, participants")
class MeetingController {

	private final MeetingService meetings;

	private final UserDirectory users;

	MeetingController(MeetingService meetings, UserDirectory users) {
		this.meetings = meetings;
		this.users = users;
	}

	@Operation(summary = "Create a meeting; the caller is its host")
	@PostMapping("/api/meetings")
	@ResponseStatus(HttpStatus.CREATED)
	MeetingResponse create(@AuthenticationPrincipal Jwt token, @Valid @RequestBody MeetingRequests.Create request) {
		return this.meetings.create(this.users.remember(token), request);
	}

	@Operation(summary = "Meetings the caller hosts or took part in, newest first (`Link` rel=\"next\" for more)")
	@GetMapping("/api/meetings")
	ResponseEntity<List<MeetingResponse>> mine(@AuthenticationPrincipal Jwt token,
			@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) UUID before) {
		MeetingService.Page page = this.meetings.mine(UUID.fromString(token.getSubject()), before, limit);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.more()) {
			UUID last = page.meetings().getLast().id();
			response.header(HttpHeaders.LINK, "</api/meetings?limit=" + limit + "&before=" + last + ">; rel=\"next\"");
		}
		return response.body(page.meetings());
	}

	@Operation(summary = "A meeting")
	@GetMapping("/api/meetings/{id}")
	MeetingResponse get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.meetings.get(id, UUID.fromString(token.getSubject()));
	}

	@Operation(summary = "Find a meeting by its code (with or without dashes)")
	@GetMapping("/api/meetings/code/{code}")
	MeetingResponse byCode(@PathVariable @Size(max = 40) String code) {
		return this.meetings.byCode(code);
	}

	@Operation(
			summary = "Join a meeting by code (409 when full or ended, 403 while waiting for admission or after removal)")
	@PostMapping("/api/meetings/join")
	ParticipantResponse join(@AuthenticationPrincipal Jwt token, @Valid @RequestBody JoinRequest request) {
		return this.meetings.join(this.users.remember(token), request.code());
	}

	@Operation(summary = "Leave a meeting")
	@PostMapping("/api/meetings/{id}/leave")
	Map<String, String> leave(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		this.meetings.leave(id, UUID.fromString(token.getSubject()));
		return Map.of("message", "Left meeting successfully");
	}

	@Operation(summary = "Change a meeting's title, description, schedule, capacity or settings (host)")
	@PatchMapping("/api/meetings/{id}")
	MeetingResponse update(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@Valid @RequestBody MeetingRequests.Update request) {
		return this.meetings.update(id, UUID.fromString(token.getSubject()), request);
	}

	@Operation(summary = "End a meeting for everyone (host)")
	@PostMapping("/api/meetings/{id}/end")
	Map<String, String> end(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		this.meetings.end(id, UUID.fromString(token.getSubject()));
		return Map.of("message", "Meeting ended");
	}

	@Operation(summary = "Change the caller's own media state and raised hand")
	@PatchMapping("/api/meetings/{id}/participants/me")
	ParticipantResponse updateMyState(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@Valid @RequestBody MeetingRequests.MyState request) {
		return this.meetings.updateState(id, UUID.fromString(token.getSubject()), request);
	}

	@Operation(summary = "The meeting's participants (`include=left` adds those who left)")
	@GetMapping("/api/meetings/{id}/participants")
	List<ParticipantResponse> participants(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@RequestParam(required = false) @Pattern(regexp = "left") String include) {
		return this.meetings.participants(id, UUID.fromString(token.getSubject()), include != null);
	}

	@Schema(name = "JoinMeeting")
	record JoinRequest(@NotBlank @Size(max = 40) @Schema(example = "beb-lgxs-blv") String code) {
	}

}
