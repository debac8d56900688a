package app.meet.meeting.meeting;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What clients send to the meeting endpoints; unknown members are ignored. */
final class MeetingRequests {

	private MeetingRequests() {
	}

	record Create(@NotBlank @Size(max = 200) String title, @Size(max = 2000) String description,
			@Future Instant scheduledAt, @Min(2) @Max(1000) Integer maxUsers, @Valid Settings settings) {
	}

	/** Changes to a meeting; absent members stay as they are. */
	record Update(@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
			@Size(max = 2000) String description, @Future Instant scheduledAt, @Min(2) @Max(1000) Integer maxUsers,
			@Valid Settings settings) {
	}

	/** The caller's own media state and raised hand; absent members stay as they are. */
	record MyState(Boolean isMuted, Boolean isVideoOn, Boolean isSharing, Boolean handRaised) {
	}

	record Settings(Boolean allowChat, Boolean allowScreenShare, Boolean muteOnJoin, Boolean videoOnJoin,
			Boolean waitingRoomEnabled, Boolean recordingEnabled, @Min(0) @Max(86400) Integer emptyTimeoutSeconds) {
	}

}
