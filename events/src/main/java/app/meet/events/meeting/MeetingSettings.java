package app.meet.events.meeting;

/**
 * What the host decided for a meeting.
 *
 * @param allowChat whether guests may post
 * @param allowScreenShare whether guests may share their screen
 * @param muteOnJoin whether participants come in muted
 * @param videoOnJoin whether participants come in with their camera on
 * @param waitingRoomEnabled whether guests wait to be let in
 * @param recordingEnabled whether the meeting may be recorded
 * @param emptyTimeoutSeconds how long an empty meeting stays open
 */
public record MeetingSettings(boolean allowChat, boolean allowScreenShare, boolean muteOnJoin, boolean videoOnJoin,
		boolean waitingRoomEnabled, boolean recordingEnabled, int emptyTimeoutSeconds) {

}
