package app.meet.platform.users;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import app.meet.events.User;

/** A user as the services show them to others (never with email). */
public record UserView(UUID id, String username, String name, String avatarUrl, @Nullable Instant createdAt) {

	/** The user as events carry them. */
	public User asEvent() {
		return new User(this.id, this.username, this.name, this.avatarUrl, this.createdAt);
	}

	/** The user as an event carried them. */
	public static UserView of(User user) {
		return new UserView(user.id(), user.username(), user.name(), user.avatarUrl(), user.createdAt());
	}

}
