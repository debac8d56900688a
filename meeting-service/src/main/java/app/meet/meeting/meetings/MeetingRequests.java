package app.meet.meeting.meetings;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** What clients send to the meeting endpoints; unknown members are ignored. */
final class MeetingRequests {

	private MeetingRequests() {
	}

	@Schema(name = "CreateMeeting")
	record Create(@NotBlank @Size(max = 200) @Schema(example = "Weekly sync") String title,
			@Size(max = 2000) @Nullable String description, @Future @Nullable Instant scheduledAt,
			@Min(2) @Max(1000) @Nullable Integer maxUsers, @Valid @Nullable Settings settings) {
	}

	/** Changes to a meeting; absent members stay as they are. */
	@Schema(name = "UpdateMeeting")
	record Update(
			@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*",
					message = "must not be blank") @Nullable String title,
			@Size(max = 2000) @Nullable String description, @Future @Nullable Instant scheduledAt,
			@Min(2) @Max(1000) @Nullable Integer maxUsers, @Valid @Nullable Settings settings) {
	}

	@Schema(name = "MeetingSettingsChange", description = "Settings to change; those left out keep their value")
	record Settings(@Nullable Boolean allowChat, @Nullable Boolean allowScreenShare, @Nullable Boolean muteOnJoin,
			@Nullable Boolean videoOnJoin, @Nullable Boolean waitingRoomEnabled, @Nullable Boolean recordingEnabled,
			@Min(0) @Max(86400) @Nullable Integer emptyTimeoutSeconds) {
	}

}
