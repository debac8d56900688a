package app.meet.auth.account;

import java.time.Instant;
import java.util.UUID;

import app.meet.events.auth.UserEvent;
import app.meet.platform.events.DomainEvent;
import app.meet.platform.tracing.TraceContext;

/**
 * What auth-service tells the others on {@code auth.events}: the user as others see them,
 * without email.
 */
sealed interface UserEvents extends DomainEvent {

	record UserRegistered(String eventId, Instant occurredAt, TraceContext trace,
			UserResponse user) implements UserEvents {

		static UserRegistered of(User user) {
			return new UserRegistered(UUID.randomUUID().toString(), user.updatedAt(), TraceContext.current(),
					UserResponse.forOthers(user));
		}

		@Override
		public UserEvent event() {
			return new UserEvent.Registered(this.user.asEventUser());
		}

	}

	record UserUpdated(String eventId, Instant occurredAt, TraceContext trace,
			UserResponse user) implements UserEvents {

		static UserUpdated of(User user) {
			return new UserUpdated(UUID.randomUUID().toString(), user.updatedAt(), TraceContext.current(),
					UserResponse.forOthers(user));
		}

		@Override
		public UserEvent event() {
			return new UserEvent.Updated(this.user.asEventUser());
		}

	}

}
