package app.meet.meeting.admission;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import app.meet.meeting.meetings.ParticipantResponse;
import app.meet.meeting.participants.MyStateRequest;
import app.meet.meeting.participants.Participation;
import app.meet.platform.users.UserDirectory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /internal/meetings/**}: what signaling-service needs to run the approval flow
 * and keep participants in step with their sockets. The gateway does not route here, and
 * only service tokens (scope {@code internal}) get in; the acting user is named in the
 * path or body.
 */
@RestController
class InternalMeetingController {

	private final AdmissionService admissions;

	private final Participation participation;

	private final UserDirectory users;

	InternalMeetingController(AdmissionService admissions, Participation participation, UserDirectory users) {
		this.admissions = admissions;
		this.participation = participation;
		this.users = users;
	}

	@GetMapping("/internal/meetings/{id}/admissions/{userId}")
	AdmissionService.AdmissionView admission(@PathVariable UUID id, @PathVariable UUID userId) {
		return this.admissions.view(id, userId);
	}

	/** The user asks to join (a {@code join-request}); their profile comes with it. */
	@PostMapping("/internal/meetings/{id}/admissions/{userId}/knock")
	AdmissionService.AdmissionView knock(@PathVariable UUID id, @PathVariable UUID userId,
			@Valid @RequestBody KnockRequest request) {
		this.users.remember(userId, request.username(), (request.name() != null) ? request.name() : request.username());
		return this.admissions.knock(id, userId);
	}

	@PostMapping("/internal/meetings/{id}/admissions/{userId}/admit")
	AdmissionService.AdmissionView admit(@PathVariable UUID id, @PathVariable UUID userId,
			@Valid @RequestBody DecisionRequest request) {
		this.admissions.admit(id, userId, request.by());
		return this.admissions.view(id, userId);
	}

	@PostMapping("/internal/meetings/{id}/admissions/{userId}/deny")
	AdmissionService.AdmissionView deny(@PathVariable UUID id, @PathVariable UUID userId,
			@Valid @RequestBody DecisionRequest request) {
		this.admissions.deny(id, userId, request.by());
		return this.admissions.view(id, userId);
	}

	@GetMapping("/internal/meetings/{id}/admissions")
	List<ParticipantResponse> waiting(@PathVariable UUID id,
			@RequestParam @Pattern(regexp = "waiting", message = "must be waiting") String state) {
		return this.admissions.waiting(id);
	}

	/** Media state and sharing announced over the participant's socket. */
	@PatchMapping("/internal/meetings/{id}/participants/{userId}/state")
	ParticipantResponse updateState(@PathVariable UUID id, @PathVariable UUID userId,
			@Valid @RequestBody MyStateRequest request) {
		return this.participation.updateState(id, userId, request);
	}

	/** The participant has had no socket in the meeting for too long: a ghost. */
	@PostMapping("/internal/meetings/{id}/participants/{userId}/leave")
	Map<String, String> leave(@PathVariable UUID id, @PathVariable UUID userId) {
		this.participation.leave(id, userId);
		return Map.of("message", "Left meeting successfully");
	}

	record KnockRequest(@NotBlank @Size(max = 30) String username, @Size(min = 1, max = 100) String name) {
	}

	record DecisionRequest(@NotNull UUID by) {
	}

}
