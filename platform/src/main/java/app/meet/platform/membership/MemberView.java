package app.meet.platform.membership;

import java.util.Locale;
import java.util.UUID;

/**
 * A user's standing in a meeting.
 *
 * @param everJoined whether they have been an active participant at some point
 */
public record MemberView(UUID meetingId, UUID userId, Role role, Status status, boolean everJoined) {

	/**
	 * Whether they may see what the meeting keeps: they joined at some point and were not
	 * removed or denied since, which ends it at once.
	 */
	public boolean mayRead() {
		return this.everJoined && this.status != Status.REMOVED && this.status != Status.DENIED;
	}

	public boolean active() {
		return this.status == Status.ACTIVE;
	}

	public boolean guest() {
		return this.role == Role.GUEST;
	}

	/** An active host or moderator. */
	public boolean activeModerator() {
		return active() && this.role != Role.GUEST;
	}

	/** A participant's role, as meeting-service names it. */
	public enum Role {

		HOST, MODERATOR, GUEST;

		/** The role as stored and as events carry it: {@code host}. */
		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Role of(String wireName) {
			return valueOf(wireName.toUpperCase(Locale.ROOT));
		}

	}

	/** Where a participant stands, as meeting-service names it. */
	public enum Status {

		WAITING, ACTIVE, LEFT, REMOVED, DENIED;

		/** The status as stored and as events carry it: {@code active}. */
		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Status of(String wireName) {
			return valueOf(wireName.toUpperCase(Locale.ROOT));
		}

	}

}
