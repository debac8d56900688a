package app.meet.chat.message;

import java.time.Instant;
import java.util.UUID;

import app.meet.events.chat.ChatEvent;
import app.meet.platform.events.DomainEvent;
import app.meet.platform.tracing.TraceContext;

/** What chat-service tells the others on {@code chat.events}, keyed by meeting id. */
sealed interface ChatEvents extends DomainEvent {

	/** A message was posted, a file shared or a system message written. */
	record MessageCreated(String eventId, Instant occurredAt, TraceContext trace,
			MessageResponse message) implements ChatEvents {

		MessageCreated(MessageResponse message) {
			this(UUID.randomUUID().toString(), message.createdAt(), TraceContext.current(), message);
		}

		@Override
		public ChatEvent event() {
			return new ChatEvent.MessageCreated(this.message.asEvent());
		}

	}

}
