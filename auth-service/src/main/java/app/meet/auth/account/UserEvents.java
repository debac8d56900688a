package app.meet.auth.account;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.meet.platform.events.DomainEvent;

/**
 * What auth-service tells the others on {@code auth.events}, keyed by user id;
 * {@code user} is the public view, without email.
 */
sealed interface UserEvents extends DomainEvent {

	UserResponse user();

	@Override
	default String topic() {
		return "auth.events";
	}

	@Override
	default String subject() {
		return user().id().toString();
	}

	@Override
	default Object data() {
		return Map.of("user", user());
	}

	/** A new account. */
	record UserRegistered(String eventId, Instant occurredAt, UserResponse user) implements UserEvents {

		static UserRegistered of(User user) {
			return new UserRegistered(UUID.randomUUID().toString(), user.updatedAt(), UserResponse.forOthers(user));
		}

		@Override
		public String eventType() {
			return "meet.user.registered";
		}

	}

	/** A changed name or avatar. */
	record UserUpdated(String eventId, Instant occurredAt, UserResponse user) implements UserEvents {

		static UserUpdated of(User user) {
			return new UserUpdated(UUID.randomUUID().toString(), user.updatedAt(), UserResponse.forOthers(user));
		}

		@Override
		public String eventType() {
			return "meet.user.updated";
		}

	}

}
