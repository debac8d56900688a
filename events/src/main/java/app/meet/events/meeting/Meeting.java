package app.meet.events.meeting;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import app.meet.events.User;

/**
 * A meeting as its events carry it (the same shape as the HTTP API's).
 *
 * @param id the meeting's id
 * @param code what people type to join, such as {@code beb-lgxs-blv}
 * @param title the title
 * @param description the description, possibly empty
 * @param hostId the host's user id
 * @param host the host
 * @param status {@code scheduled} (until the first join), {@code active} or {@code ended}
 * @param scheduledAt when it is planned for, if it is
 * @param startedAt when the first join made it active
 * @param endedAt when it ended
 * @param maxUsers how many may be in it at once
 * @param isRecording whether a recording is running
 * @param recordingUrl the last stopped recording's media path
 * @param participantCount how many are in it now
 * @param settings its settings
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Meeting(UUID id, String code, String title, String description, UUID hostId, User host, String status,
		@Nullable Instant scheduledAt, @Nullable Instant startedAt, @Nullable Instant endedAt, int maxUsers,
		boolean isRecording, @Nullable String recordingUrl, int participantCount, MeetingSettings settings,
		Instant createdAt, Instant updatedAt) {

}
