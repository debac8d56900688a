package app.meet.meeting.meetings;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

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

/** {@code /api/meetings}: create, find, list, change and end meetings. */
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

}
