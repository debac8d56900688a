package app.meet.meeting.meetings;

/** Where a user stands with a meeting's waiting room. */
public enum Admission {

	/** Never asked and never let in. */
	NONE,

	/** Asked to join; the host or a moderator has not answered yet. */
	WAITING,

	/** Let in (or joined before): joins without asking. */
	ADMITTED,

	/** Refused by the host or a moderator. */
	DENIED,

	/** Removed by the host or a moderator: cannot come back. */
	REMOVED

}
