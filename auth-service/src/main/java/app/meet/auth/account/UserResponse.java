package app.meet.auth.account;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A user as clients see it; {@code email} only for the user themself.
 *
 * @param avatarUrl the avatar's path, {@code ""} when there is none
 */
public record UserResponse(UUID id, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String email, String username,
		String name, String avatarUrl, Instant createdAt) {

	/** The user as they see themself. */
	public static UserResponse forSelf(User user) {
		return new UserResponse(user.id(), user.email(), user.username(), user.name(), avatarUrl(user),
				user.createdAt());
	}

	/** The user as anyone else sees them. */
	public static UserResponse forOthers(User user) {
		return new UserResponse(user.id(), null, user.username(), user.name(), avatarUrl(user), user.createdAt());
	}

	/** The user as events carry them to the other services. */
	public app.meet.events.User asEventUser() {
		return new app.meet.events.User(this.id, this.username, this.name, this.avatarUrl, this.createdAt);
	}

	private static String avatarUrl(User user) {
		if (user.avatarObject() == null) {
			return "";
		}
		String version = user.avatarObject().substring(user.avatarObject().lastIndexOf('/') + 1);
		return "/api/users/" + user.id() + "/avatar?v=" + version;
	}

}
