package app.meet.platform.membership;

import java.util.UUID;

/**
 * A user's standing in a meeting.
 *
 * @param role {@code host}, {@code moderator} or {@code guest}
 * @param status {@code waiting}, {@code active}, {@code left}, {@code removed} or
 * {@code denied}
 * @param everJoined whether they have been an active participant at some point
 */
public record MemberView(UUID meetingId, UUID userId, String role, String status, boolean everJoined) {

	/**
	 * Whether they may see what the meeting keeps: they joined at some point and were not
	 * removed or denied since, which ends it at once.
	 */
	public boolean mayRead() {
		return this.everJoined && !"removed".equals(this.status) && !"denied".equals(this.status);
	}

	public boolean active() {
		return "active".equals(this.status);
	}

	public boolean guest() {
		return "guest".equals(this.role);
	}

	/** An active host or moderator. */
	public boolean activeModerator() {
		return active() && ("host".equals(this.role) || "moderator".equals(this.role));
	}

}
