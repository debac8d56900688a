package app.meet.auth.account;

import java.time.Instant;
import java.util.UUID;

/** An account as stored. Never leaves the service: answers are {@link UserResponse}. */
public record User(UUID id, String email, String username, String name, String passwordHash, String avatarObject,
		String avatarType, Instant createdAt, Instant updatedAt) {

	public User withName(String newName, Instant now) {
		return new User(this.id, this.email, this.username, newName, this.passwordHash, this.avatarObject,
				this.avatarType, this.createdAt, now);
	}

	public User withAvatar(String object, String type, Instant now) {
		return new User(this.id, this.email, this.username, this.name, this.passwordHash, object, type, this.createdAt,
				now);
	}

}
