package app.meet.chat.stream;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One event of a meeting's live stream.
 *
 * @param meetingId the meeting
 * @param seq its number in the meeting's stream, the SSE {@code id}: increasing, without
 * gaps
 * @param name the SSE event name, one of the constants here
 * @param aboutUser whose join or departure it is, if it is one
 * @param data the payload as one line of JSON
 */
public record StreamEvent(UUID meetingId, long seq, String name, UUID aboutUser, String data) {

	public static final String CHAT_MESSAGE = "chat_message";

	public static final String PARTICIPANT_JOINED = "participant_joined";

	public static final String PARTICIPANT_LEFT = "participant_left";

	public static final String PARTICIPANT_STATE = "participant_state";

	public static final String MEETING_STARTED = "meeting_started";

	public static final String MEETING_ENDED = "meeting_ended";

	public static final String RECORDING_STARTED = "recording_started";

	public static final String RECORDING_STOPPED = "recording_stopped";

	/** The event as SSE lines, its data wrapped as {@code {"type", "data"}}. */
	byte[] frame() {
		return ("id: " + this.seq + "\nevent: " + this.name + "\ndata: {\"type\":\"" + this.name + "\",\"data\":"
				+ this.data + "}\n\n")
			.getBytes(StandardCharsets.UTF_8);
	}

}
