package app.meet.events.auth;

import java.util.UUID;

import app.meet.events.MeetEvent;
import app.meet.events.User;

/**
 * The events on {@code auth.events}, keyed by the user's id; published by auth-service.
 */
public sealed interface UserEvent extends MeetEvent {

	User user();

	@Override
	default UUID subject() {
		return user().id();
	}

	/** {@code meet.user.registered}: an account was created. */
	record Registered(User user) implements UserEvent {
	}

	/** {@code meet.user.updated}: a name or avatar changed. */
	record Updated(User user) implements UserEvent {
	}

}
