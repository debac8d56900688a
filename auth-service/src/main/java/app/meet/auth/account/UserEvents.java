package app.meet.auth.account;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.meet.platform.events.DomainEvent;

/** What auth-service tells the others on {@code auth.events}, keyed by user id. */
final class UserEvents {

	static final String TOPIC = "auth.events";

	private UserEvents() {
	}

	/** A new account; {@code user} is the public view, without email. */
	record UserRegistered(String eventId, Instant occurredAt, UserResponse user) implements DomainEvent {

		static UserRegistered of(User user) {
			return new UserRegistered(UUID.randomUUID().toString(), user.updatedAt(), UserResponse.forOthers(user));
		}

		@Override
		public String eventType() {
			return "meet.user.registered";
		}

		@Override
		public String topic() {
			return TOPIC;
		}

		@Override
		public String subject() {
			return this.user.id().toString();
		}

		@Override
		public Object data() {
			return Map.of("user", this.user);
		}

	}

	/** A changed name or avatar; {@code user} is the public view, without email. */
	record UserUpdated(String eventId, Instant occurredAt, UserResponse user) implements DomainEvent {

		static UserUpdated of(User user) {
			return new UserUpdated(UUID.randomUUID().toString(), user.updatedAt(), UserResponse.forOthers(user));
		}

		@Override
		public String eventType() {
			return "meet.user.updated";
		}

		@Override
		public String topic() {
			return TOPIC;
		}

		@Override
		public String subject() {
			return this.user.id().toString();
		}

		@Override
		public Object data() {
			return Map.of("user", this.user);
		}

	}

}
