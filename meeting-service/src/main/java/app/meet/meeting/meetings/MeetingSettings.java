package app.meet.meeting.meetings;

/** How a meeting behaves; every member has a default. */
public record MeetingSettings(boolean allowChat, boolean allowScreenShare, boolean muteOnJoin, boolean videoOnJoin,
		boolean waitingRoomEnabled, boolean recordingEnabled, int emptyTimeoutSeconds) {

	static final MeetingSettings DEFAULTS = new MeetingSettings(true, true, false, true, true, true, 300);

	/** These settings with the given changes; {@code null} members keep their value. */
	MeetingSettings with(MeetingRequests.Settings changes) {
		if (changes == null) {
			return this;
		}
		return new MeetingSettings(pick(changes.allowChat(), this.allowChat),
				pick(changes.allowScreenShare(), this.allowScreenShare), pick(changes.muteOnJoin(), this.muteOnJoin),
				pick(changes.videoOnJoin(), this.videoOnJoin),
				pick(changes.waitingRoomEnabled(), this.waitingRoomEnabled),
				pick(changes.recordingEnabled(), this.recordingEnabled),
				(changes.emptyTimeoutSeconds() != null) ? changes.emptyTimeoutSeconds() : this.emptyTimeoutSeconds);
	}

	private static boolean pick(Boolean change, boolean current) {
		return (change != null) ? change : current;
	}

	/** The settings as events carry them to the other services. */
	app.meet.events.meeting.MeetingSettings asEvent() {
		return new app.meet.events.meeting.MeetingSettings(this.allowChat, this.allowScreenShare, this.muteOnJoin,
				this.videoOnJoin, this.waitingRoomEnabled, this.recordingEnabled, this.emptyTimeoutSeconds);
	}

}
